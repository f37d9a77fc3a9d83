import * as vscode from 'vscode';

export const OPEN_LOCATION = 'flowguard.openLocation';

/** A range as LSP sends it in a command's arguments: plain JSON, not a vscode.Range. */
interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const candidate = value as { line?: unknown; character?: unknown } | null;
  return typeof candidate?.line === 'number' && typeof candidate.character === 'number';
}

function toRange(value: unknown): vscode.Range | undefined {
  const candidate = value as Partial<PlainRange> | null | undefined;
  if (!isPosition(candidate?.start) || !isPosition(candidate?.end)) return undefined;
  return new vscode.Range(candidate.start.line, candidate.start.character, candidate.end.line, candidate.end.character);
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' && value.length > 0 ? vscode.Uri.parse(value, true) : undefined;
}

/**
 * Opens a file and selects a range in it: the connectors view's actions, and the server's code
 * actions that point somewhere else ("Open the policy entry"). A flow inside a zip has no text
 * of its own to open, so the zip is shown in the Explorer instead.
 */
export async function openLocation(uriArgument: unknown, rangeArgument?: unknown): Promise<void> {
  const uri = toUri(uriArgument);
  if (!uri) throw new Error(`${OPEN_LOCATION} needs a file URI, got ${JSON.stringify(uriArgument)}`);
  if (/\.zip$/i.test(uri.path)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return;
  }
  const range = toRange(rangeArgument);
  const editor = await vscode.window.showTextDocument(uri, { preview: true, ...(range ? { selection: range } : {}) });
  if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
