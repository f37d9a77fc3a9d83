import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { schemaUri } from '../../../client/schema-content';
import { flowGuardApi } from './flowguard-api';

/** Where `|` is in `text`, and the text without it. */
function cursorIn(text: string): { content: string; offset: number } {
  const offset = text.indexOf('|');
  return { content: text.slice(0, offset) + text.slice(offset + 1), offset };
}

/**
 * The labels VS Code's JSON support completes at `|` in an untitled flowguard.json naming the
 * extension's schema (no jsonValidation pattern matches an untitled document).
 */
async function completions(text: string): Promise<string[]> {
  const { content, offset } = cursorIn(text);
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(document);
  try {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(offset));
    return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  } finally {
    // An untitled document with text would ask whether to save it on close.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

const header = `{\n  "$schema": "${schemaUri('flowguard')}",\n`;

describe('flowguard.json completion (schemas/flowguard.schema.json)', () => {
  before(() => flowGuardApi());

  it('completes every rule id under "rules"', async () => {
    const labels = await completions(`${header}  "rules": {\n    |\n  }\n}\n`);
    for (const id of ['dlp/blocked-connector', 'exfiltration/http-data-path', 'secrets/hardcoded-secret', 'suppressions/missing-reason']) {
      assert.ok(labels.some((label) => label.replace(/"/g, '') === id), `${id} among ${JSON.stringify(labels)}`);
    }
  });

  it("completes a rule's severities", async () => {
    const labels = await completions(`${header}  "rules": {\n    "dlp/blocked-connector": |\n  }\n}\n`);
    assert.deepEqual(labels.map((l) => l.replace(/"/g, '')).filter((l) => ['off', 'info', 'warning', 'error'].includes(l)).sort(), ['error', 'info', 'off', 'warning']);
  });

  it('suggests rule ids for an exception', async () => {
    const labels = await completions(`${header}  "exceptions": [\n    { "rule": | }\n  ]\n}\n`);
    assert.ok(labels.some((label) => label.replace(/"/g, '') === 'exfiltration/http-data-path'), JSON.stringify(labels));
  });
});
