import * as vscode from 'vscode';
import { OPEN_LOCATION } from '../commands/open-location';
import { GROUP_LABEL, groupIcon, policyLine } from './groups';
import type { ActionNode, ChildFlowNode, ConnectorNode, ConnectorsNode, FlowNode } from './nodes';
import type { FlowConnectorsView } from './protocol';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Unique per flow: a zip holds several flows under one file URI. */
function flowKey(flow: FlowConnectorsView): string {
  return `${flow.file}!${flow.entry ?? ''}#${flow.name}`;
}

function flowPlace(flow: FlowConnectorsView): string {
  const file = flow.entry ? `${fileName(flow.file)}, entry ${flow.entry}` : fileName(flow.file);
  return flow.solution ? `Solution ${flow.solution}: ${file}` : file;
}

export function treeItem(node: ConnectorsNode): vscode.TreeItem {
  switch (node.kind) {
    case 'flow':
      return flowItem(node);
    case 'connector':
      return connectorItem(node);
    case 'action':
      return actionItem(node);
    case 'child-flow':
      return childFlowItem(node);
  }
}

function childFlowItem(node: ChildFlowNode): vscode.TreeItem {
  const { flow, call } = node;
  const item = new vscode.TreeItem(call.child?.name ?? call.workflowId, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.grouping}/child-flow/${flowKey(flow)}/${call.action}`;
  item.description = call.child ? `child flow · ${call.action}` : 'child flow not in the workspace';
  item.tooltip = call.child
    ? `${call.action} in ${flow.name} runs child flow ${call.child.name} (${fileName(call.child.file)})`
    : `${call.action} in ${flow.name} runs child flow ${call.workflowId}, which is not in the workspace: data paths stop there`;
  item.iconPath = new vscode.ThemeIcon('references');
  item.contextValue = 'flowguard.childFlow';
  item.command = { command: OPEN_LOCATION, title: 'Open', arguments: [flow.file, call.range] };
  return item;
}

function flowItem(node: FlowNode): vscode.TreeItem {
  const { flow, use } = node;
  // Grouped by connector, the flow is a step on the way to the actions; grouped by flow, its connectors are the point.
  const item = new vscode.TreeItem(flow.name, use ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${node.grouping}/flow/${use ? `${use.connector.id}/${use.connector.group}/` : ''}${flowKey(flow)}`;
  item.description = use ? plural(use.connector.actions.length, 'action') : (flow.solution ?? fileName(flow.file));
  item.tooltip = new vscode.MarkdownString().appendText(flow.name).appendMarkdown('\n\n').appendText(flowPlace(flow));
  item.iconPath = new vscode.ThemeIcon('type-hierarchy');
  item.contextValue = 'flowguard.flow';
  return item;
}

function connectorItem(node: ConnectorNode): vscode.TreeItem {
  const acrossFlows = node.grouping === 'connector';
  const item = new vscode.TreeItem(node.name, acrossFlows ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.grouping}/connector/${node.id}/${node.group}${acrossFlows || !node.uses[0] ? '' : `/${flowKey(node.uses[0].flow)}`}`;
  item.description = acrossFlows ? `${GROUP_LABEL[node.group]} · ${plural(node.uses.length, 'flow')}` : GROUP_LABEL[node.group];
  const tooltip = new vscode.MarkdownString().appendMarkdown('**').appendText(node.name).appendMarkdown('** ').appendText(`(${node.id}): ${GROUP_LABEL[node.group]}`);
  const custom = node.uses[0]?.connector.custom;
  if (custom) tooltip.appendMarkdown('\n\n').appendText(custom.host ? `Custom connector, host ${custom.host}` : 'Custom connector; its definition is not in the workspace');
  const groups = node.uses[0]?.connector.groups ?? [];
  if (groups.length === 0) tooltip.appendMarkdown('\n\n').appendText('No DLP policy applies: add one to flowguard.json.');
  for (const entry of groups) tooltip.appendMarkdown('\n\n').appendText(policyLine(entry));
  item.tooltip = tooltip;
  item.iconPath = groupIcon(node.group);
  item.contextValue = `flowguard.connector.${node.group}`;
  return item;
}

function actionItem(node: ActionNode): vscode.TreeItem {
  const { action, use } = node;
  const item = new vscode.TreeItem(action.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.grouping}/action/${use.connector.id}/${flowKey(use.flow)}/${action.kind}/${action.name}`;
  item.description = action.kind === 'trigger' ? 'trigger' : undefined;
  const where = use.flow.entry ? `inside ${fileName(use.flow.file)}` : `line ${action.range.start.line + 1}`;
  item.tooltip = `${action.kind === 'trigger' ? 'Trigger' : 'Action'} ${action.name} in ${use.flow.name}, ${where}`;
  item.iconPath = new vscode.ThemeIcon(action.kind === 'trigger' ? 'play-circle' : 'symbol-method');
  item.contextValue = `flowguard.${action.kind}`;
  item.command = { command: OPEN_LOCATION, title: 'Open', arguments: [use.flow.file, action.range] };
  return item;
}
