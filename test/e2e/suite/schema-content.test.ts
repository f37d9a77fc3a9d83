import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { schemaUri, type SchemaName } from '../../../client/schema-content';
import { diagnosticsFor } from './diagnostics-events';
import { flowGuardApi } from './flowguard-api';

/** vscode-json-languageservice's code for a `$schema` it could not load. */
const SCHEMA_RESOLVE_ERROR = 0x300;

/**
 * A document naming `schema` whose third line breaks it: VS Code's JSON support reports that line
 * only once it has loaded the schema through the extension's `flowguard:` documents. Untitled, so
 * no jsonValidation file pattern can supply the schema instead, and FlowGuard (files only) says nothing.
 */
async function reportsAgainst(schema: SchemaName, key: string, badValue: string): Promise<void> {
  const content = `{\n  "$schema": "${schemaUri(schema)}",\n  "${key}": ${badValue}\n}\n`;
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(document);
  let diagnostics: vscode.Diagnostic[];
  try {
    diagnostics = await diagnosticsFor(document.uri, (all) => all.some((d) => d.range.start.line === 2));
  } finally {
    // An untitled document with text would ask whether to save it on close.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  assert.ok(!diagnostics.some((d) => d.code === SCHEMA_RESOLVE_ERROR), `the schema did not load: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
}

describe('The schemas the starter files name', () => {
  before(() => flowGuardApi());

  it('validates a flowguard.json through flowguard://schemas/flowguard.schema.json', () => reportsAgainst('flowguard', 'policies', '5'));

  it('validates a DLP policy through flowguard://schemas/dlp-policy.schema.json', () => reportsAgainst('dlp-policy', 'default', '"sometimes"'));
});
