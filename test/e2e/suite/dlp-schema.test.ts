import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsFor } from './diagnostics-events';
import { flowGuardApi } from './flowguard-api';
import { samplesFolder } from './samples';

/** VS Code's own JSON problems (syntax and schema), not FlowGuard's, which have this source. */
const FLOWGUARD_SOURCE = 'flowguard';
const fromJson = (diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] => diagnostics.filter((d) => d.source !== FLOWGUARD_SOURCE);

/**
 * jsonValidation applies schemas/dlp-policy.schema.json to every `dlp-policy*.json` and
 * `*.dlp.json`, wherever it is. The files are written outside samples/ so the workspace stays as it is.
 */
describe('DLP policy files and the short-format schema', () => {
  let dir: string;

  before(async () => {
    await flowGuardApi();
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-dlp-schema-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, text: string): Promise<vscode.Uri> {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    return document.uri;
  }

  it("shows no schema problem in a tenant's admin API export named dlp-policy-prod.json", async () => {
    const sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(samplesFolder().uri, 'policies', 'contoso-tenant-policy.json')));
    // A trailing comma: a syntax problem VS Code reports once it has validated the file, schema and all.
    const uri = await open('dlp-policy-prod.json', sample.replace(/\}\s*$/, ',}\n'));
    const problems = fromJson(await diagnosticsFor(uri, (all) => fromJson(all).length > 0));
    assert.deepEqual(problems.map((d) => d.message), ['Trailing comma'], 'only the syntax problem, no schema problem');
    assert.equal(problems[0]?.range.start.line, sample.trimEnd().split('\n').length - 1, 'at the end of the file');
  });

  it('still checks a hand-written policy named dlp-policy-dev.json', async () => {
    const uri = await open('dlp-policy-dev.json', '{\n  "name": "Dev",\n  "default": "sometimes"\n}\n');
    const problems = fromJson(await diagnosticsFor(uri, (all) => fromJson(all).length > 0));
    assert.ok(problems.some((d) => d.range.start.line === 2), `the bad "default" is reported: ${JSON.stringify(problems.map((d) => d.message))}`);
  });
});
