import * as vscode from 'vscode';

/** A rule id as rules/ spells it; also its page's path under docs/rules/, so no other file can be named. */
const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

export function isRuleId(value: unknown): value is string {
  return typeof value === 'string' && RULE_ID.test(value);
}

export interface RulePage {
  ruleId: string;
  uri: vscode.Uri;
  /** The one-line summary under the page's title (`> ...`), empty when the page has none. */
  summary: string;
}

/** docs/rules/<id>.md as shipped in the .vsix: the same pages the diagnostics link to online. */
export function rulePageUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

async function summaryOf(uri: vscode.Uri): Promise<string> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return /^> (.+)$/m.exec(text)?.[1]?.trim() ?? '';
}

/** Every rule page the extension carries, in id order. */
export async function shippedRulePages(extensionUri: vscode.Uri): Promise<RulePage[]> {
  const root = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  const pages: RulePage[] = [];
  for (const [category, type] of await vscode.workspace.fs.readDirectory(root)) {
    if (type !== vscode.FileType.Directory) continue;
    for (const [file, fileType] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, category))) {
      const ruleId = `${category}/${file.replace(/\.md$/, '')}`;
      if (fileType !== vscode.FileType.File || !file.endsWith('.md') || !isRuleId(ruleId)) continue;
      const uri = vscode.Uri.joinPath(root, category, file);
      pages.push({ ruleId, uri, summary: await summaryOf(uri) });
    }
  }
  return pages.sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
}
