import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const DROPBOX_FLOW = 'ContosoExpenses/src/Workflows/BackupreceiptstoDropbox-*.json';
export const DROPBOX_FLOW_NAME = 'Backup receipts to Dropbox';
/** Where "Create_file_in_Dropbox" starts in that sample, 0-based, as the CLI reports it (90:9). */
export const DROPBOX_ACTION = new vscode.Position(89, 8);

export function samplesFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the editor was started without a folder; open samples/');
  assert.equal(folder.uri.path.split('/').pop(), 'samples', `opened ${folder.uri.toString()}, expected samples/`);
  return folder;
}

export async function dropboxFlowUri(): Promise<vscode.Uri> {
  const [file] = await vscode.workspace.findFiles(new vscode.RelativePattern(samplesFolder(), DROPBOX_FLOW));
  assert.ok(file, `no ${DROPBOX_FLOW} in samples/`);
  return file;
}

export async function openDropboxFlow(): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(await dropboxFlowUri()));
}
