import type { Notice, Severity } from '../../core/findings';
import { maxOf, pushAll } from '../../core/arrays';
import type { LintResult } from '../../core/engine/result';
import { palette, type Palette } from './ansi';
import { countBySeverity } from './counts';
import { uniqueNotices } from './notices';
import { oneBased } from './position';
import { displayWidth, terminalText } from './terminal-text';
import type { FormatOptions } from './types';

interface Row {
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** Empty for a file that could not be read: no rule reported it, so none can be configured. */
  ruleId: string;
  /** The finding's related locations (a data path's hops, the policy entry), already formatted. */
  related: string[];
}

/** Enough of a data path to follow it; the rest is in the JSON and SARIF reports. */
const MAX_RELATED = 6;

function relatedLines(file: string, related: NonNullable<LintResult['findings'][number]['related']>): string[] {
  const lines = related.slice(0, MAX_RELATED).map((r) => {
    const { line, column } = oneBased(r.range);
    const where = r.file === file ? `${line}:${column}` : `${r.file}:${line}:${column}`;
    return `${where}  ${r.message}`;
  });
  if (related.length > MAX_RELATED) lines.push(`… and ${related.length - MAX_RELATED} more`);
  return lines;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Groups by file, files in path order and rows by position, so the output is the same on every run. */
function groupRows(result: LintResult): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  const add = (file: string, row: Row): void => {
    const rows = groups.get(file);
    if (rows) rows.push(row);
    else groups.set(file, [row]);
  };
  for (const u of result.unreadable) {
    const { line, column } = oneBased(u.range);
    add(u.file, { line, column, severity: 'error', message: u.message, ruleId: '', related: [] });
  }
  for (const f of result.findings) {
    const { line, column } = oneBased(f.range);
    add(f.file, { line, column, severity: f.severity, message: f.message, ruleId: f.ruleId, related: relatedLines(f.file, f.related ?? []) });
  }
  for (const rows of groups.values()) rows.sort((a, b) => a.line - b.line || a.column - b.column);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function severityStyle(paint: Palette, severity: Severity): (text: string) => string {
  if (severity === 'error') return paint.red;
  if (severity === 'warning') return paint.yellow;
  return paint.cyan;
}

// Columns are aligned on the plain text and colored afterwards, so escape codes never count as width.
function table(rows: Row[], paint: Palette): string[] {
  const cells = rows.map((row) => ({
    row,
    line: String(row.line),
    column: String(row.column),
    message: terminalText(row.message),
    ruleId: terminalText(row.ruleId),
  }));
  const width = (pick: (cell: (typeof cells)[number]) => string): number =>
    maxOf(cells.map((cell) => displayWidth(pick(cell))));
  const lineWidth = width((c) => c.line);
  const columnWidth = width((c) => c.column);
  const severityWidth = maxOf(rows.map((r) => r.severity.length));
  const messageWidth = width((c) => c.message);

  const indent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2);
  return cells.flatMap((c) => {
    const position = paint.dim(`${padStart(c.line, lineWidth)}:${padEnd(c.column, columnWidth)}`);
    const severity = severityStyle(paint, c.row.severity)(padEnd(c.row.severity, severityWidth));
    const text = `  ${position}  ${severity}  ${padEnd(c.message, messageWidth)}  ${paint.dim(c.ruleId)}`;
    return [text.trimEnd(), ...c.row.related.map((r) => paint.dim(`${indent}↳ ${terminalText(r)}`))];
  });
}

function noteLines(notices: readonly Notice[], paint: Palette): string[] {
  return uniqueNotices(notices).map((notice) => {
    const text = notice.file === undefined ? notice.message : `${notice.file}: ${notice.message}`;
    return `${paint.bold('note:')} ${terminalText(text)}`;
  });
}

function totals(result: LintResult, paint: Palette): string {
  const counts = countBySeverity(result.findings);
  const problems = result.findings.length;
  const unreadable = result.unreadable.length;
  if (problems === 0 && unreadable === 0) {
    return paint.green(`✔ No problems found (${plural(result.files, 'file')}, ${plural(result.flows, 'flow')})`);
  }
  const parts: string[] = [];
  if (problems > 0) {
    parts.push(
      `${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ` +
        `${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')})`,
    );
  }
  // Unreadable files are counted apart from findings, as in the JSON report, yet still make the line red.
  if (unreadable > 0) parts.push(`${plural(unreadable, 'file')} unreadable`);
  const style = counts.errors > 0 || unreadable > 0 ? paint.red : counts.warnings > 0 ? paint.yellow : paint.cyan;
  return paint.bold(style(`✖ ${parts.join(', ')}`));
}

export function formatStylish(result: LintResult, options: FormatOptions): string {
  const paint = palette(options.color);
  const lines: string[] = [];
  const groups = groupRows(result);
  for (const [file, rows] of groups) {
    lines.push('', paint.underline(terminalText(file)));
    pushAll(lines, table(rows, paint));
  }
  if (groups.length > 0) lines.push('');
  pushAll(lines, noteLines(result.notices, paint));
  lines.push(totals(result, paint));
  return `${lines.join('\n')}\n`;
}
