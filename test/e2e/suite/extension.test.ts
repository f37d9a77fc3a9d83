import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, withCode } from './diagnostics-events';
import { EXTENSION_ID } from './flowguard-api';
import { DROPBOX_ACTION, openDropboxFlow } from './samples';

const BLOCKED = 'dlp/blocked-connector';

describe('FlowGuard in VS Code', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    editor = await openDropboxFlow();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is loaded from the development folder and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    // Activation may still be under way after start-up; this waits for it rather than racing it.
    await extension.activate();
    assert.ok(extension.isActive);
  });

  it('shows the blocked Dropbox action on its line, from the flowguard source, with its docs page', async () => {
    const diagnostics = await diagnosticsFor(editor.document.uri, withCode(BLOCKED));
    const finding = diagnostics.find((d) => codeOf(d) === BLOCKED)!;
    assert.equal(finding.source, 'flowguard');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([finding.range.start.line, finding.range.start.character], [DROPBOX_ACTION.line, DROPBOX_ACTION.character]);
    const code = finding.code;
    assert.ok(typeof code === 'object' && code.target.toString().endsWith('docs/rules/dlp/blocked-connector.md'), `docs link: ${JSON.stringify(code)}`);
  });

  it('reports broken JSON as a parse error while typing, and the finding again once undone', async () => {
    const uri = editor.document.uri;
    const breaking = new vscode.WorkspaceEdit();
    breaking.insert(uri, new vscode.Position(0, 0), '<<<');
    const broken = diagnosticsFor(uri, withCode('parse-error'));
    assert.ok(await vscode.workspace.applyEdit(breaking), 'the edit was refused');
    // VS Code's own JSON support reports the same syntax error under source 'json'.
    const ours = (await broken).filter((d) => d.source === 'flowguard');
    assert.deepEqual(ours.map(codeOf), ['parse-error'], 'a broken flow shows only its parse error');
    assert.equal(ours[0]?.severity, vscode.DiagnosticSeverity.Error);

    const mended = diagnosticsFor(uri, withCode(BLOCKED));
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    const finding = (await mended).find((d) => codeOf(d) === BLOCKED)!;
    assert.equal(finding.range.start.line, DROPBOX_ACTION.line);
    assert.equal(editor.document.isDirty, false, 'undo restored the saved text');
  });

  it('runs FlowGuard: Show Output', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('flowguard.showOutput'), 'flowguard.showOutput is not registered');
    await vscode.commands.executeCommand('flowguard.showOutput');
  });
});
