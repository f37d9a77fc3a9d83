import type { WorkspaceIndex } from '../analysis/workspace-index';
import { connectorUseName } from '../connectors/names';
import { childFlowCall } from '../model/child-flow';
// Shown in the editor's tree, the CLI's connectors command and reviews: names masked as findings are.
import { redactText } from '../secrets/redact';
import type { ConnectorUse, Flow, StepKind } from '../model/types';
import { classify } from '../policy/classify';
import { groupLabel, why } from '../policy/explain';
import type { Classification, DlpPolicy, Group } from '../policy/types';
import type { Range } from '../text/range';
import type { Step } from '../model/types';

/**
 * The connectors view the client shows without parsing a flow: plain data, the same shape over
 * the custom request 'flowguard/connectors'. Files are display paths here; the server turns them
 * into URIs.
 */
export type ConnectorGroup = Group | 'unclassified';

export interface ConnectorGroupUnderPolicy {
  /** The policy's display name. */
  policy: string;
  /** Undefined when the policy does not classify the connector (outside DLP, Ignored, undecided). */
  group?: Group;
  /** False when the policy does not list the connector (default group, URL pattern, or no group). */
  listed: boolean;
  /** As people read it: 'Business', 'Non-Business (default)', 'Business (URL pattern https://*.contoso.com)', 'Undecided'. */
  label: string;
  /** Why, in a sentence, as the DLP rules word it. */
  reason: string;
}

/** What the view shows of a custom connector. */
export interface CustomConnectorView {
  title: string;
  /** The host as its definition writes it; undefined when the definition is not in the workspace. */
  host?: string;
  logicalName?: string;
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
  /** Set for a custom connector. */
  custom?: CustomConnectorView;
  /** The triggers and actions using the connector, in document order. */
  actions: ConnectorUseView[];
}

/** A "Run a Child Flow" action and the flow it runs. */
export interface ChildFlowCallView {
  /** The action's name. */
  action: string;
  /** The action's name key. */
  range: Range;
  workflowId: string;
  /** The child flow, when the workspace holds it: its name and display path. */
  child?: { name: string; file: string };
}

export interface FlowConnectorsView {
  name: string;
  file: string;
  /** The solution's unique name (or its path when the manifest has none). */
  solution?: string;
  /** Connectors in order of first use. */
  connectors: ConnectorView[];
  /** The child flows the flow runs, in document order; absent when it runs none. */
  childFlows?: ChildFlowCallView[];
}

export interface ConnectorsView {
  flows: FlowConnectorsView[];
}

const SEVERITY: Record<Group, number> = { business: 0, nonBusiness: 1, blocked: 2 };

/**
 * One group for a connector over all applicable policies, agreeing with the DLP rules:
 * - no applicable policy: 'unclassified' (nothing classifies anything);
 * - Blocked under any policy, listed or by default: 'blocked' (dlp/blocked-connector reports it);
 * - listed by no policy, nor placed by a custom connector URL pattern: 'unclassified'
 *   (dlp/unclassified-connector reports it; `groups` still holds the default group each policy
 *   puts it in); a connector no policy classifies at all (outside DLP, Ignored, undecided) too;
 * - otherwise the worst group over the policies, Non-Business before Business, since one
 *   policy's Non-Business is what decides whether the flow mixes groups.
 */
export function connectorGroup(classifications: readonly Classification[]): ConnectorGroup {
  if (classifications.length === 0) return 'unclassified';
  if (classifications.some((c) => c.group === 'blocked')) return 'blocked';
  if (!classifications.some((c) => c.entry || c.pattern)) return 'unclassified';
  return classifications.reduce<Group>((worst, c) => (c.group && SEVERITY[c.group] > SEVERITY[worst] ? c.group : worst), 'business');
}

function underPolicy(c: Classification): ConnectorGroupUnderPolicy {
  const entry: ConnectorGroupUnderPolicy = { policy: c.policy.displayName, listed: c.entry !== undefined, label: labelUnder(c), reason: why(c) };
  if (c.group) entry.group = c.group;
  return entry;
}

function labelUnder(c: Classification): string {
  const label = groupLabel(c);
  if (c.pattern) return `${label} (URL pattern ${c.pattern.pattern})`;
  return c.group && !c.entry ? `${label} (default)` : label;
}

function connectorView(connector: ConnectorUse, policies: readonly DlpPolicy[]): ConnectorView {
  const classifications = policies.map((policy) => classify(policy, connector));
  const listedName = classifications.find((c) => c.entry?.displayName)?.entry?.displayName;
  const view: ConnectorView = {
    id: connector.id,
    name: connectorUseName(connector, listedName),
    group: connectorGroup(classifications),
    groups: classifications.map(underPolicy),
    actions: [],
  };
  const custom = connector.custom;
  if (custom) {
    view.custom = { title: view.name };
    if (custom.connector?.host) view.custom.host = custom.connector.host;
    const logicalName = custom.connector?.logicalName ?? custom.logicalName;
    if (logicalName) view.custom.logicalName = logicalName;
  }
  return view;
}

/** The child flows a flow runs, each resolved in `workspace` when one is given. */
function childFlowsView(flow: Flow, workspace: WorkspaceIndex | undefined): ChildFlowCallView[] {
  const key = flow.doc.source.path;
  const resolved = workspace?.has(key) ? workspace.callsOf(key) : [];
  const out: ChildFlowCallView[] = [];
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    const call = childFlowCall(step);
    if (!call) continue;
    const view: ChildFlowCallView = { action: redactText(step.name), range: flow.doc.source.lines.rangeOf({ offset: step.nameNode.offset, length: step.nameNode.length }), workflowId: call.workflowId };
    const child = resolved.find((r) => r.call.step === step.name)?.child;
    if (child) view.child = { name: redactText(child.name), file: child.key };
    out.push(view);
  }
  return out;
}

/**
 * The connectors one flow uses, each with its group under the applicable policies and the steps
 * using it, and the child flows it runs (resolved in `workspace`).
 */
export function flowConnectorsView(flow: Flow, policies: readonly DlpPolicy[], workspace?: WorkspaceIndex): FlowConnectorsView {
  const byId = new Map<string, ConnectorView>();
  const lines = flow.doc.source.lines;
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    const connector = step.connector;
    if (!connector) continue;
    const id = connector.id;
    let view = byId.get(id);
    if (!view) {
      view = connectorView(connector, policies);
      byId.set(id, view);
    }
    view.actions.push({ name: redactText(step.name), kind: step.kind, range: lines.rangeOf({ offset: step.nameNode.offset, length: step.nameNode.length }) });
  }
  const view: FlowConnectorsView = { name: redactText(flow.displayName), file: flow.doc.source.path, connectors: [...byId.values()] };
  const solution = flow.solution?.uniqueName ?? flow.solution?.path;
  if (solution !== undefined) view.solution = solution;
  const childFlows = childFlowsView(flow, workspace);
  if (childFlows.length > 0) view.childFlows = childFlows;
  return view;
}
