import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../../client/api';
import type { ConnectorsNode } from '../../../client/connectors/nodes';

export const EXTENSION_ID = 'flowguard.flowguard';

/** The API activate() returns; waits for activation when it is still under way. */
export async function flowGuardApi(): Promise<FlowGuardApi> {
  const extension = vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The tree's items as the view would render them, with the nodes to ask for their children. */
export async function childrenOf(api: FlowGuardApi, node?: ConnectorsNode): Promise<{ node: ConnectorsNode; item: vscode.TreeItem; label: string }[]> {
  const nodes = await api.connectorsTree.getChildren(node);
  return nodes.map((child) => {
    const item = api.connectorsTree.getTreeItem(child);
    return { node: child, item, label: labelOf(item) };
  });
}

export async function childLabelled(api: FlowGuardApi, label: string, node?: ConnectorsNode): Promise<{ node: ConnectorsNode; item: vscode.TreeItem }> {
  const children = await childrenOf(api, node);
  const found = children.find((child) => child.label === label);
  assert.ok(found, `no "${label}" among ${JSON.stringify(children.map((c) => c.label))}`);
  return found;
}

/** Resolves on the next firing of `event`; register it before doing what should fire it. */
export function nextEvent<T>(event: vscode.Event<T>, what: string, deadlineMs = 45_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${what} did not happen within ${deadlineMs} ms`));
    }, deadlineMs);
    const subscription = event((value) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}
