import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { statusText } from '../../../client/status-bar';
import { diagnosticsFor, withCode } from './diagnostics-events';
import { flowGuardApi } from './flowguard-api';
import { openDropboxFlow } from './samples';

const DEADLINE_MS = 45_000;

/** FlowGuard's errors and warnings over every file, counted here independently of the extension. */
function expectedText(): string {
  let errors = 0;
  let warnings = 0;
  const files = new Set<string>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'flowguard') continue;
      files.add(uri.toString());
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return statusText({ errors, warnings, files: files.size });
}

describe('FlowGuard status bar item', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('counts the FlowGuard errors and warnings of the workspace', async () => {
    const api = await flowGuardApi();
    const editor = await openDropboxFlow();
    await diagnosticsFor(editor.document.uri, withCode('dlp/blocked-connector'));
    // Re-checked on every diagnostics event: the item follows the same events, so they agree once both have seen the last one.
    await new Promise<void>((resolve, reject) => {
      const check = (): boolean => {
        if (api.statusText() !== expectedText()) return false;
        subscription.dispose();
        clearTimeout(timer);
        resolve();
        return true;
      };
      const subscription = vscode.languages.onDidChangeDiagnostics(() => void check());
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`status bar "${api.statusText()}", expected "${expectedText()}"`));
      }, DEADLINE_MS);
      check();
    });
    assert.match(api.statusText(), /\$\(error\) [1-9]\d* \$\(warning\) \d+/, 'the Dropbox flow alone has errors');
  });
});
