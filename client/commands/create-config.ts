import * as vscode from 'vscode';
import { schemaUri } from '../schema-content';
import { POLICY_FILE, starterConfig, starterPolicy, type SchemaReferences } from './starter-files';

export const CREATE_CONFIG = 'flowguard.createConfig';
const CONFIG_FILE = 'flowguard.json';
/** Where the schemas are when the project has FlowGuard as an npm dependency, relative to its root. */
const PACKAGE_SCHEMAS = 'node_modules/flowguard/schemas';

/** What the command did; returned so that callers (and the end-to-end suite) need not read the notification. */
export type CreateConfigResult =
  | { status: 'created'; config: vscode.Uri; policy?: vscode.Uri }
  | { status: 'exists'; config: vscode.Uri; message: string }
  | { status: 'no-folder'; message: string };

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

async function schemaReferences(root: vscode.Uri): Promise<SchemaReferences> {
  const inPackage = vscode.Uri.joinPath(root, PACKAGE_SCHEMAS, 'flowguard.schema.json');
  if (await exists(inPackage)) return { config: `./${PACKAGE_SCHEMAS}/flowguard.schema.json`, policy: `../${PACKAGE_SCHEMAS}/dlp-policy.schema.json` };
  return { config: schemaUri('flowguard'), policy: schemaUri('dlp-policy') };
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder to create flowguard.json in' });
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * Writes a starter flowguard.json at the root of a workspace folder and a policy skeleton for it
 * to read, then opens both. Never overwrites: an existing flowguard.json is left as it is and
 * offered for opening; an existing policy file is kept.
 */
export async function createConfig(): Promise<CreateConfigResult> {
  const folder = await pickFolder();
  if (!folder) {
    const message = 'FlowGuard: open a folder first; flowguard.json goes at its root.';
    void vscode.window.showErrorMessage(message);
    return { status: 'no-folder', message };
  }
  const config = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  if (await exists(config)) {
    const message = `FlowGuard: "${folder.name}" already has a flowguard.json; it was left as it is.`;
    void vscode.window.showWarningMessage(message, 'Open flowguard.json').then((open) => open && vscode.window.showTextDocument(config));
    return { status: 'exists', config, message };
  }
  const schemas = await schemaReferences(folder.uri);
  const policy = vscode.Uri.joinPath(folder.uri, POLICY_FILE);
  const newPolicy = !(await exists(policy));
  if (newPolicy) await write(policy, starterPolicy(schemas.policy));
  await write(config, starterConfig(schemas.config));
  await vscode.window.showTextDocument(config, { preview: false });
  // The policy last, so it has the focus: it is the file to fill in.
  if (newPolicy) await vscode.window.showTextDocument(policy, { preview: false });
  return newPolicy ? { status: 'created', config, policy } : { status: 'created', config };
}
