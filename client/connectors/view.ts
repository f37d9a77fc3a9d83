import * as vscode from 'vscode';
import { OPEN_LOCATION } from '../commands/open-location';
import type { FlowNode, Grouping } from './nodes';
import type { ConnectorsState, ConnectorsTreeProvider } from './provider';

export const VIEW_ID = 'flowguard.connectors';

/** The commands and context keys package.json's menus and welcome content refer to. */
export const VIEW_COMMANDS = {
  groupByConnector: 'flowguard.connectors.groupByConnector',
  groupByFlow: 'flowguard.connectors.groupByFlow',
  refresh: 'flowguard.connectors.refresh',
  openFlow: 'flowguard.connectors.openFlow',
} as const;
const GROUPED_BY_CONNECTOR = 'flowguard.connectors.groupedByConnector';
const STATE = 'flowguard.connectors.state';
const GROUPING_MEMENTO = 'flowguard.connectors.grouping';

const DESCRIPTION: Record<Grouping, string> = { flow: 'by flow', connector: 'by connector' };

export function savedGrouping(state: vscode.Memento): Grouping {
  return state.get<Grouping>(GROUPING_MEMENTO) === 'connector' ? 'connector' : 'flow';
}

/**
 * The Flow Connectors view in the Explorer, its title bar toggle (two commands, one shown at a
 * time by a context key) and the context key its welcome content reads.
 */
export function registerConnectorsView(provider: ConnectorsTreeProvider, state: vscode.Memento): vscode.Disposable[] {
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const showGrouping = (grouping: Grouping): void => {
    view.description = DESCRIPTION[grouping];
    void vscode.commands.executeCommand('setContext', GROUPED_BY_CONNECTOR, grouping === 'connector');
  };
  const group = async (grouping: Grouping): Promise<void> => {
    provider.setGrouping(grouping);
    showGrouping(grouping);
    await state.update(GROUPING_MEMENTO, grouping);
  };
  const showState = (value: ConnectorsState): Thenable<unknown> => vscode.commands.executeCommand('setContext', STATE, value);
  showGrouping(provider.grouping);
  void showState(provider.state);
  return [
    view,
    provider.onDidChangeState((value) => void showState(value)),
    vscode.commands.registerCommand(VIEW_COMMANDS.groupByConnector, () => group('connector')),
    vscode.commands.registerCommand(VIEW_COMMANDS.groupByFlow, () => group('flow')),
    vscode.commands.registerCommand(VIEW_COMMANDS.refresh, async () => {
      provider.invalidate();
      // The view asks for the new top level too and shares this request; the progress bar shows meanwhile.
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => provider.getChildren());
    }),
    vscode.commands.registerCommand(VIEW_COMMANDS.openFlow, (node: FlowNode) => vscode.commands.executeCommand(OPEN_LOCATION, node.flow.file)),
  ];
}
