import { connectorDisplayName } from '../connectors/names';
import type { Flow, StepKind } from '../model/types';
import { classify } from '../policy/classify';
import type { Classification, DlpPolicy, Group } from '../policy/types';
import type { Range } from '../text/range';

/**
 * The connectors view the client shows without parsing a flow: plain data, the same shape over
 * the custom request 'flowguard/connectors'. Files are display paths here; the server turns them
 * into URIs.
 */
export type ConnectorGroup = Group | 'unclassified';

export interface ConnectorGroupUnderPolicy {
  /** The policy's display name. */
  policy: string;
  group: Group;
  /** False when the policy does not list the connector and it falls into the default group. */
  listed: boolean;
}

export interface ConnectorUseView {
  name: string;
  kind: StepKind;
  /** The step's name key. */
  range: Range;
}

export interface ConnectorView {
  id: string;
  /** Display name. */
  name: string;
  group: ConnectorGroup;
  /** One entry per applicable policy, in the policies' order. */
  groups: ConnectorGroupUnderPolicy[];
  /** The triggers and actions using the connector, in document order. */
  actions: ConnectorUseView[];
}

export interface FlowConnectorsView {
  name: string;
  file: string;
  /** The solution's unique name (or its path when the manifest has none). */
  solution?: string;
  /** Connectors in order of first use. */
  connectors: ConnectorView[];
}

export interface ConnectorsView {
  flows: FlowConnectorsView[];
}

const SEVERITY: Record<Group, number> = { business: 0, nonBusiness: 1, blocked: 2 };

/**
 * One group for a connector over all applicable policies, agreeing with the DLP rules:
 * - no applicable policy: 'unclassified' (nothing classifies anything);
 * - Blocked under any policy, listed or by default: 'blocked' (dlp/blocked-connector reports it);
 * - listed by no policy: 'unclassified' (dlp/unclassified-connector reports it; `groups` still
 *   holds the default group each policy puts it in);
 * - otherwise the worst group over the policies, Non-Business before Business, since one
 *   policy's Non-Business is what decides whether the flow mixes groups.
 */
export function connectorGroup(classifications: readonly Classification[]): ConnectorGroup {
  if (classifications.length === 0) return 'unclassified';
  if (classifications.some((c) => c.group === 'blocked')) return 'blocked';
  if (!classifications.some((c) => c.entry)) return 'unclassified';
  return classifications.reduce<Group>((worst, c) => (SEVERITY[c.group] > SEVERITY[worst] ? c.group : worst), 'business');
}

function connectorView(id: string, policies: readonly DlpPolicy[]): ConnectorView {
  const classifications = policies.map((policy) => classify(policy, id));
  const listedName = classifications.find((c) => c.entry?.displayName)?.entry?.displayName;
  return {
    id,
    name: connectorDisplayName(id, listedName),
    group: connectorGroup(classifications),
    groups: classifications.map((c) => ({ policy: c.policy.displayName, group: c.group, listed: c.entry !== undefined })),
    actions: [],
  };
}

/** The connectors one flow uses, each with its group under the applicable policies and the steps using it. */
export function flowConnectorsView(flow: Flow, policies: readonly DlpPolicy[]): FlowConnectorsView {
  const byId = new Map<string, ConnectorView>();
  const lines = flow.doc.source.lines;
  for (const step of flow.steps) {
    const id = step.connector?.id;
    if (!id) continue;
    let view = byId.get(id);
    if (!view) {
      view = connectorView(id, policies);
      byId.set(id, view);
    }
    view.actions.push({ name: step.name, kind: step.kind, range: lines.rangeOf({ offset: step.nameNode.offset, length: step.nameNode.length }) });
  }
  const view: FlowConnectorsView = { name: flow.displayName, file: flow.doc.source.path, connectors: [...byId.values()] };
  const solution = flow.solution?.uniqueName ?? flow.solution?.path;
  if (solution !== undefined) view.solution = solution;
  return view;
}
