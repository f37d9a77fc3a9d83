import * as vscode from 'vscode';

/**
 * The extension serves its own JSON schemas under this scheme, so a `$schema` that names one
 * works offline and without the npm package: VS Code's JSON support opens any URI that is not
 * http(s) as a document, which this provider answers from the schemas bundled in the .vsix.
 */
export const SCHEMA_SCHEME = 'flowguard';

export type SchemaName = 'flowguard' | 'dlp-policy';

const FILES: Record<SchemaName, string> = { flowguard: 'flowguard.schema.json', 'dlp-policy': 'dlp-policy.schema.json' };

export function schemaUri(name: SchemaName): string {
  return `${SCHEMA_SCHEME}://schemas/${FILES[name]}`;
}

export function registerSchemaContent(extensionUri: vscode.Uri): vscode.Disposable {
  const known = new Set(Object.values(FILES));
  return vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, {
    async provideTextDocumentContent(uri) {
      const file = uri.path.replace(/^\//, '');
      if (uri.authority !== 'schemas' || !known.has(file)) throw new Error(`FlowGuard has no schema ${uri.toString()}`);
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'schemas', file)));
    },
  });
}
