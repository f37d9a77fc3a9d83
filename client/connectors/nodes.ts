import type { ChildFlowCallView, ConnectorGroup, ConnectorUseView, ConnectorView, ConnectorsView, FlowConnectorsView } from './protocol';

/** How the view is arranged: flows, their connectors, the actions; or connectors, the flows using them, the actions. */
export type Grouping = 'flow' | 'connector';

/** One connector as one flow uses it. */
export interface ConnectorUse {
  flow: FlowConnectorsView;
  connector: ConnectorView;
}

export interface FlowNode {
  kind: 'flow';
  grouping: Grouping;
  flow: FlowConnectorsView;
  /** Grouped by connector: the flow under that connector, showing only its actions. */
  use?: ConnectorUse;
}

export interface ConnectorNode {
  kind: 'connector';
  grouping: Grouping;
  id: string;
  name: string;
  group: ConnectorGroup;
  /** Grouped by flow: the one flow above it; grouped by connector: every flow using it. */
  uses: ConnectorUse[];
}

export interface ActionNode {
  kind: 'action';
  grouping: Grouping;
  action: ConnectorUseView;
  use: ConnectorUse;
}

/** Grouped by flow: a "Run a Child Flow" action of the flow, and the child flow it runs. */
export interface ChildFlowNode {
  kind: 'child-flow';
  grouping: Grouping;
  flow: FlowConnectorsView;
  call: ChildFlowCallView;
}

export type ConnectorsNode = FlowNode | ConnectorNode | ActionNode | ChildFlowNode;

/** Blocked first: what the maker must act on comes to the top. */
const GROUP_ORDER: Record<ConnectorGroup, number> = { blocked: 0, nonBusiness: 1, unclassified: 2, business: 3 };

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

export function rootNodes(view: ConnectorsView, grouping: Grouping): ConnectorsNode[] {
  if (grouping === 'flow') return [...view.flows].sort(byName).map((flow) => ({ kind: 'flow', grouping, flow }));
  return connectorsAcrossFlows(view).sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || byName(a, b));
}

export function childNodes(node: ConnectorsNode): ConnectorsNode[] {
  switch (node.kind) {
    case 'flow':
      if (node.use) return actionNodes(node.use, node.grouping);
      return [
        ...node.flow.connectors.map((connector) => connectorNode([{ flow: node.flow, connector }], node.grouping)),
        ...(node.flow.childFlows ?? []).map((call): ChildFlowNode => ({ kind: 'child-flow', grouping: node.grouping, flow: node.flow, call })),
      ];
    case 'connector':
      if (node.grouping === 'flow') return node.uses.flatMap((use) => actionNodes(use, node.grouping));
      return [...node.uses].sort((a, b) => byName(a.flow, b.flow)).map((use) => ({ kind: 'flow', grouping: node.grouping, flow: use.flow, use }));
    case 'action':
    case 'child-flow':
      return [];
  }
}

function actionNodes(use: ConnectorUse, grouping: Grouping): ActionNode[] {
  return use.connector.actions.map((action) => ({ kind: 'action', grouping, action, use }));
}

function connectorNode(uses: ConnectorUse[], grouping: Grouping): ConnectorNode {
  const { id, name, group } = uses[0]!.connector;
  return { kind: 'connector', grouping, id, name, group, uses };
}

/**
 * One node per connector and group: a connector is classified per project (each flowguard.json
 * names its own policies), so one that two projects class differently appears once for each.
 */
function connectorsAcrossFlows(view: ConnectorsView): ConnectorNode[] {
  const uses = new Map<string, ConnectorUse[]>();
  for (const flow of view.flows) {
    for (const connector of flow.connectors) {
      const key = `${connector.id}\n${connector.group}`;
      const list = uses.get(key) ?? [];
      list.push({ flow, connector });
      uses.set(key, list);
    }
  }
  return [...uses.values()].map((list) => connectorNode(list, 'connector'));
}
