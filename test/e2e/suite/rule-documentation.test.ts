import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, withCode } from './diagnostics-events';
import { EXTENSION_ID, flowGuardApi } from './flowguard-api';
import { openDropboxFlow } from './samples';

const BLOCKED = 'dlp/blocked-connector';
const NO_FAILURE_PATH = 'error-handling/no-failure-path';
const SHOW = 'flowguard.showRuleDocumentation';
const DEADLINE_MS = 45_000;

/** The built-in Markdown extension's preview is a webview tab of this view type. */
function previewOf(fileName: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview') && tab.label.includes(fileName));
}

/** Resolves once a Markdown preview of `fileName` is open: at once, or on the tab change that opens it. */
function previewOpened(fileName: string): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const settle = (): boolean => {
      const tab = previewOf(fileName);
      if (!tab) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(tab);
      return true;
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => settle());
    const timer = setTimeout(() => {
      subscription.dispose();
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      reject(new Error(`no Markdown preview of ${fileName} within ${DEADLINE_MS} ms; tabs: ${JSON.stringify(tabs)}`));
    }, DEADLINE_MS);
    settle();
  });
}

describe('FlowGuard: Show Rule Documentation', () => {
  before(() => flowGuardApi());

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("opens the rule's page shipped inside the extension, in the Markdown preview", async () => {
    const opened = previewOpened('blocked-connector.md');
    const page = await vscode.commands.executeCommand<vscode.Uri | undefined>(SHOW, BLOCKED);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(page?.toString(), vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', 'dlp', 'blocked-connector.md').toString());
    await opened;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
    assert.match(text, /^# dlp\/blocked-connector$/m, 'the page is the rule\'s');
  });

  it('is the last quick fix of a finding, and that action opens the same page', async () => {
    const editor = await openDropboxFlow();
    const finding = (await diagnosticsFor(editor.document.uri, withCode(BLOCKED))).find((d) => codeOf(d) === BLOCKED)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const show = actions.find((a) => a.title === `Show documentation for ${BLOCKED}`);
    assert.ok(show?.command, `no documentation action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(show.command.command, SHOW);
    assert.deepEqual(show.command.arguments, [BLOCKED]);
    const opened = previewOpened('blocked-connector.md');
    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    await opened;
  });

  it('from the palette, opens the page of the finding under the cursor', async () => {
    const editor = await openDropboxFlow();
    const finding = (await diagnosticsFor(editor.document.uri, withCode(NO_FAILURE_PATH))).find((d) => codeOf(d) === NO_FAILURE_PATH)!;
    editor.selection = new vscode.Selection(finding.range.start, finding.range.start);
    const atCursor = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'flowguard' && d.range.contains(finding.range.start)).map(codeOf);
    // With findings of several rules there, the command would ask which page instead.
    assert.deepEqual([...new Set(atCursor)], [NO_FAILURE_PATH], 'one rule under the cursor');
    const opened = previewOpened('no-failure-path.md');
    await vscode.commands.executeCommand(SHOW);
    await opened;
  });

  it('refuses what is not a rule id, so no other file of the extension can be opened', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(SHOW, '../../package')), /needs a rule id/);
  });
});
