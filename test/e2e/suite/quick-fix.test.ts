import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, withCode } from './diagnostics-events';
import { flowGuardApi } from './flowguard-api';
import { openDropboxFlow } from './samples';

const NO_FAILURE_PATH = 'error-handling/no-failure-path';
const BLOCKED = 'dlp/blocked-connector';
/** The Dropbox flow's policy entry, as the sample's contoso-tenant-policy.json holds it. */
const POLICY_FILE = /\/policies\/contoso-tenant-policy\.json$/;

async function actionsFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // A bare Command has a string `command`; a CodeAction's is an object, or absent.
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

/** An edit that changes only `uri`, so undo in its editor takes all of it back. */
function editsOnly(uri: vscode.Uri, action: vscode.CodeAction): boolean {
  const entries = action.edit?.entries() ?? [];
  return entries.length > 0 && entries.every(([target]) => target.toString() === uri.toString());
}

describe('FlowGuard quick fixes', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    await flowGuardApi();
    editor = await openDropboxFlow();
  });

  after(async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('applies a fix through workspace.applyEdit, the finding goes, and comes back on undo', async () => {
    const uri = editor.document.uri;
    const finding = (await diagnosticsFor(uri, withCode(NO_FAILURE_PATH))).find((d) => codeOf(d) === NO_FAILURE_PATH)!;
    const actions = await actionsFor(uri, finding);
    // The rule's own fix comes first; the suppressions follow (one edits flowguard.json instead).
    // vscode.executeCodeActionProvider leaves out each action's diagnostics, so the range selects them.
    const fix = actions.find((a) => editsOnly(uri, a));
    const described = actions.map((a) => ({ title: a.title, edits: a.edit?.entries().map(([u, e]) => `${u.toString()} (${e.length})`) }));
    assert.ok(fix?.edit, `no fix editing only ${uri.toString()} among: ${JSON.stringify(described)}`);

    const fixed = diagnosticsFor(uri, (diagnostics) => !withCode(NO_FAILURE_PATH)(diagnostics));
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `"${fix.title}" was refused`);
    await fixed;
    assert.ok(editor.document.isDirty, 'the fix changed the buffer');

    const restored = diagnosticsFor(uri, withCode(NO_FAILURE_PATH));
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await restored;
    assert.equal(editor.document.isDirty, false, 'undo took the whole fix back');
  });

  it('"Open the policy entry" opens the DLP policy at the entry that blocks the connector', async () => {
    const uri = editor.document.uri;
    const finding = (await diagnosticsFor(uri, withCode(BLOCKED))).find((d) => codeOf(d) === BLOCKED)!;
    const related = finding.relatedInformation?.find((r) => POLICY_FILE.test(r.location.uri.path));
    assert.ok(related, 'the finding names the policy entry');
    const open = (await actionsFor(uri, finding)).find((a) => a.command?.command === 'flowguard.openLocation');
    assert.ok(open?.command, 'no action opens the policy entry');
    await vscode.commands.executeCommand(open.command.command, ...(open.command.arguments ?? []));
    const policy = vscode.window.activeTextEditor;
    assert.ok(policy && POLICY_FILE.test(policy.document.uri.path), `opened ${policy?.document.uri.toString() ?? 'nothing'}`);
    assert.ok(policy.selection.isEqual(related.location.range), `selected ${JSON.stringify(policy.selection)}, the entry is at ${JSON.stringify(related.location.range)}`);
  });
});
