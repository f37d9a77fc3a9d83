import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../flowguard-diagnostics';
import { isRuleId, rulePageUri, shippedRulePages } from '../rule-pages';

export const SHOW_RULE_DOCUMENTATION = 'flowguard.showRuleDocumentation';

/**
 * "Markdown: Open Preview" (Ctrl+Shift+V), contributed by VS Code's built-in Markdown extension
 * (microsoft/vscode extensions/markdown-language-features/package.json); it takes the file's URI.
 * https://code.visualstudio.com/docs/languages/markdown#_markdown-preview
 */
const MARKDOWN_PREVIEW = 'markdown.showPreview';
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return diagnostic.source === DIAGNOSTIC_SOURCE && isRuleId(code) ? code : undefined;
}

/** The rules of the FlowGuard diagnostics under the cursor, so the palette command opens the page at hand. */
function rulesAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const here = editor.selection.active;
  const rules = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.range.contains(here)).map(ruleOf);
  return [...new Set(rules.filter((r): r is string => r !== undefined))];
}

async function pickRule(extensionUri: vscode.Uri): Promise<string | undefined> {
  const atCursor = rulesAtCursor();
  if (atCursor.length === 1) return atCursor[0];
  const pages = await shippedRulePages(extensionUri);
  const offered = atCursor.length > 1 ? pages.filter((p) => atCursor.includes(p.ruleId)) : pages;
  const picked = await vscode.window.showQuickPick(
    offered.map((p) => ({ label: p.ruleId, detail: p.summary })),
    { placeHolder: 'The FlowGuard rule whose page to open', matchOnDetail: true },
  );
  return picked?.label;
}

/**
 * The page in the Markdown preview, or as text where the built-in Markdown extension is disabled.
 * Asked of the extension, not of getCommands(): its commands exist only once it has activated,
 * and running one activates it.
 */
async function open(page: vscode.Uri): Promise<void> {
  if (vscode.extensions.getExtension(MARKDOWN_EXTENSION)) await vscode.commands.executeCommand(MARKDOWN_PREVIEW, page);
  else await vscode.window.showTextDocument(page, { preview: true });
}

/**
 * Opens a rule's page from the copy in the extension, so it works offline: the server's "Show
 * documentation" code action passes the rule id; from the command palette it is the rule of the
 * finding under the cursor, else one picked from the list. Resolves with the page opened.
 */
export async function showRuleDocumentation(extensionUri: vscode.Uri, ruleArgument?: unknown): Promise<vscode.Uri | undefined> {
  const ruleId = ruleArgument === undefined ? await pickRule(extensionUri) : ruleArgument;
  if (ruleId === undefined) return undefined;
  if (!isRuleId(ruleId)) throw new Error(`${SHOW_RULE_DOCUMENTATION} needs a rule id such as dlp/blocked-connector, got ${JSON.stringify(ruleId)}`);
  const page = rulePageUri(extensionUri, ruleId);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`FlowGuard has no page for the rule ${ruleId}.`);
    return undefined;
  }
  await open(page);
  return page;
}
