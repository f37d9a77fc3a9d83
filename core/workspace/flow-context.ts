import type { JsonDocument } from '../artifacts/json';
import { indexCustomConnectors, linkFlowCustomConnectors, type CustomConnectorIndex } from '../connectors/custom';
import { buildFlow, classifyFlowDocument } from '../model/flow';
import type { CustomConnector, Flow, Solution } from '../model/types';
import type { FlowNames } from './flow-entry';

/** What the loader knew about a flow beyond its own text: the solution around it and the names it gave. */
export interface FlowContext {
  solution?: Solution;
  names: FlowNames;
  /** Every custom connector of the load, so a rebuilt flow links to connectors of other solutions too. */
  customConnectors?: readonly CustomConnector[];
}

// Kept beside the Flow rather than on it, so the model stays what the text and solution say.
const contexts = new WeakMap<Flow, FlowContext>();

export function rememberContext(flow: Flow, context: FlowContext): void {
  contexts.set(flow, context);
}

export function contextOf(flow: Flow): FlowContext {
  return contexts.get(flow) ?? { solution: flow.solution, names: {} };
}

// The CLI builds every flow of a run again from its text (core/engine/flow-queue.ts), each with
// the run's custom connectors: they are indexed once per list, not once per flow. A list that
// grew since (a longer length) is indexed again.
const indexes = new WeakMap<readonly CustomConnector[], { length: number; index: CustomConnectorIndex }>();

function connectorIndex(connectors: readonly CustomConnector[]): CustomConnectorIndex {
  const known = indexes.get(connectors);
  if (known && known.length === connectors.length) return known.index;
  const index = indexCustomConnectors(connectors);
  indexes.set(connectors, { length: connectors.length, index });
  return index;
}

/**
 * The flow in `doc` (an editor buffer of a file a workspace load read), built as the loader
 * built it: with the same solution's connection references and the same names, so the editor
 * and the CLI agree on it. Undefined when the text is no longer a cloud flow.
 */
export function rebuildFlow(doc: JsonDocument, context?: FlowContext): Flow | undefined {
  const found = classifyFlowDocument(doc);
  if (found.kind !== 'cloud-flow') return undefined;
  const flow = buildFlow(doc, found, context?.solution, context?.names);
  linkFlowCustomConnectors(flow, connectorIndex(context?.customConnectors ?? []));
  if (context) rememberContext(flow, context);
  return flow;
}

/** Equal for two contexts that build the same flow from the same text: same names, same connection references. */
export function contextKey(context: FlowContext | undefined): string {
  if (!context) return '';
  const references = [...(context.solution?.connectionReferences ?? new Map()).values()].map((r) => [r.logicalName, r.connectorId, r.apiId, r.customConnectorId]);
  const connectors = (context.customConnectors ?? []).map((c) => [c.solution?.path, c.logicalName, c.recordId, c.title, c.host, c.apiNames]);
  return JSON.stringify([context.solution?.path, references, context.names.displayName, context.names.id, connectors]);
}
