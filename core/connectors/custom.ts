import type { ConnectionReference, ConnectorUse, CustomConnector, Flow, Solution, SolutionConnectionReference } from '../model/types';
import { BUILTIN_HTTP, BUILTIN_HTTP_REQUEST_RECEIVED, BUILTIN_HTTP_WEBHOOK, isCustomConnectorId } from './id';
import type { Step } from '../model/types';

/** Custom connectors by each key a flow may name them with. */
export interface CustomConnectorIndex {
  byLogicalName: Map<string, CustomConnector[]>;
  byRecordId: Map<string, CustomConnector[]>;
  byApiName: Map<string, CustomConnector[]>;
}

function add(map: Map<string, CustomConnector[]>, key: string | undefined, connector: CustomConnector): void {
  if (!key) return;
  const lower = key.toLowerCase();
  const list = map.get(lower);
  if (list) {
    if (!list.includes(connector)) list.push(connector);
  } else {
    map.set(lower, [connector]);
  }
}

export function indexCustomConnectors(connectors: readonly CustomConnector[]): CustomConnectorIndex {
  const index: CustomConnectorIndex = { byLogicalName: new Map(), byRecordId: new Map(), byApiName: new Map() };
  for (const connector of connectors) {
    add(index.byLogicalName, connector.logicalName, connector);
    add(index.byRecordId, connector.recordId, connector);
    for (const name of connector.apiNames) add(index.byApiName, name, connector);
  }
  return index;
}

const BUILTINS = new Set([BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK, BUILTIN_HTTP_REQUEST_RECEIVED]);

/** The same solution's connector first: two solutions may each carry a copy of one connector. */
function pick(candidates: CustomConnector[] | undefined, solution: Solution | undefined): CustomConnector | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  return candidates.find((c) => solution !== undefined && c.solution === solution) ?? candidates[0];
}

interface References {
  flow?: ConnectionReference;
  solution?: SolutionConnectionReference;
}

function referencesOf(flow: Flow, use: ConnectorUse): References {
  const ref = use.connectionName ? flow.connectionReferences.get(use.connectionName) : undefined;
  const logical = ref?.logicalName;
  return { flow: ref, solution: logical ? flow.solution?.connectionReferences.get(logical.toLowerCase()) : undefined };
}

/**
 * The connector a step calls, joined in order of certainty: the flow's connection reference names
 * its logical name (api.logicalName); the solution's connection reference names its record
 * (<customconnectorid>, https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connectionreference);
 * its connector id is one the definition is known by.
 */
function find(use: ConnectorUse, refs: References, index: CustomConnectorIndex, solution: Solution | undefined): CustomConnector | undefined {
  return (
    pick(refs.flow?.apiLogicalName ? index.byLogicalName.get(refs.flow.apiLogicalName.toLowerCase()) : undefined, solution) ??
    pick(refs.solution?.customConnectorId ? index.byRecordId.get(refs.solution.customConnectorId.toLowerCase()) : undefined, solution) ??
    (BUILTINS.has(use.id) ? undefined : pick(index.byApiName.get(use.id), solution))
  );
}

/** Sets `custom` on the connector use of every step of the flow that calls a custom connector. */
export function linkFlowCustomConnectors(flow: Flow, index: CustomConnectorIndex): void {
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    const use = step.connector;
    if (!use) continue;
    const refs = referencesOf(flow, use);
    const connector = find(use, refs, index, flow.solution);
    const logicalName = refs.flow?.apiLogicalName ?? (connector?.logicalName || undefined);
    if (connector) {
      use.custom = { connector, logicalName };
    } else if (refs.flow?.apiLogicalName || refs.solution?.customConnectorId || isCustomConnectorId(use.id)) {
      // Custom, but its definition is elsewhere (another solution not linted, or the environment).
      use.custom = logicalName ? { logicalName } : {};
    } else {
      use.custom = undefined;
    }
  }
}

/**
 * Links every step of every flow to the custom connector it calls, once all solutions are loaded:
 * a flow may call a connector that another solution carries.
 */
export function linkCustomConnectors(ws: { readonly flows: readonly Flow[]; readonly customConnectors: readonly CustomConnector[] }): void {
  const index = indexCustomConnectors(ws.customConnectors);
  for (const flow of ws.flows) linkFlowCustomConnectors(flow, index);
}
