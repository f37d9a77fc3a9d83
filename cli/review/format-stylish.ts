import type { Finding } from '../../core/findings';
import { pushAll } from '../../core/arrays';
import { palette, type Palette } from '../format/ansi';
import { uniqueNotices } from '../format/notices';
import { oneBased } from '../format/position';
import { terminalText } from '../format/terminal-text';
import { connectorLabel, reviewTotals, totalsLine, usedBy } from './summary';
import type { FileChange, FlowChange, ReviewReport } from './types';

function findingLine(kind: 'new' | 'fixed', f: Finding, paint: Palette): string {
  const { line, column } = oneBased(f.range);
  const severity = f.severity === 'error' ? paint.red(f.severity) : f.severity === 'warning' ? paint.yellow(f.severity) : paint.cyan(f.severity);
  const label = kind === 'new' ? paint.bold('new:') : paint.green('fixed:');
  return `  ${label} ${severity} ${f.ruleId}: ${terminalText(f.message)} ${paint.dim(`(${line}:${column})`)}`;
}

/**
 * A new finding whose data path runs through other flows' files (a child flow, a caller) shows
 * every hop, so the reviewer sees which change in which flow opened it: the file that changed
 * may not be the one reported.
 */
function crossFlowHops(f: Finding, paint: Palette): string[] {
  const related = f.related ?? [];
  if (!related.some((r) => r.file !== f.file && r.hop !== undefined)) return [];
  return related
    .filter((r) => r.hop !== undefined)
    .map((r) => {
      const { line, column } = oneBased(r.range);
      return paint.dim(`      ↳ ${terminalText(r.file === f.file ? `${line}:${column}` : `${r.file}:${line}:${column}`)}  ${terminalText(r.message)}`);
    });
}

function flowTitle(c: FlowChange, paint: Palette): string {
  const status = c.status === 'changed' ? '' : ` (${c.status})`;
  const renamed = c.baseName !== undefined ? ` (was '${terminalText(c.baseName)}')` : '';
  return paint.bold(`Flow '${terminalText(c.name)}'${status}${renamed}`);
}

function flowBlock(c: FlowChange, paint: Palette): string[] {
  const moved = c.baseFile !== undefined ? ` (was ${terminalText(c.baseFile)})` : '';
  const lines = [flowTitle(c, paint), `  ${paint.underline(terminalText(c.file))}${moved}`];
  for (const k of c.connectorsAdded) lines.push(`  ${paint.bold('+')} ${terminalText(connectorLabel(k))}: ${terminalText(usedBy(k))}`);
  for (const k of c.connectorsRemoved) lines.push(`  - ${terminalText(connectorLabel(k))}`);
  for (const f of c.newFindings) lines.push(findingLine('new', f, paint), ...crossFlowHops(f, paint));
  pushAll(lines, c.fixedFindings.map((f) => findingLine('fixed', f, paint)));
  if (c.removedWith > 0) lines.push(`  ${c.removedWith} finding${c.removedWith === 1 ? '' : 's'} removed with the flow`);
  return lines;
}

function fileBlock(c: FileChange, paint: Palette): string[] {
  return [paint.underline(terminalText(c.file)), ...c.newFindings.map((f) => findingLine('new', f, paint)), ...c.fixedFindings.map((f) => findingLine('fixed', f, paint))];
}

export function formatReviewStylish(report: ReviewReport, color: boolean): string {
  const paint = palette(color);
  const totals = reviewTotals(report);
  const blocks = [...report.flows.map((c) => flowBlock(c, paint)), ...report.files.map((c) => fileBlock(c, paint))];
  const lines = [`FlowGuard review against ${terminalText(report.base.ref)} (${report.base.commit.slice(0, 12)})`];
  for (const block of blocks) pushAll(lines, ['', ...block]);
  for (const u of report.unreadable) lines.push('', `${paint.red('unreadable:')} ${terminalText(u.file)}:${oneBased(u.range).line}: ${terminalText(u.message)}`);
  lines.push('');
  for (const n of uniqueNotices(report.notices)) lines.push(`${paint.bold('note:')} ${terminalText(n.file === undefined ? n.message : `${n.file}: ${n.message}`)}`);
  const summary = totalsLine(totals) + (totals.unchanged > 0 ? `; ${totals.unchanged} flow${totals.unchanged === 1 ? '' : 's'} without security changes` : '');
  const style = totals.new.errors > 0 || report.unreadable.length > 0 ? paint.red : totals.new.warnings > 0 ? paint.yellow : paint.green;
  lines.push(paint.bold(style(`${totals.new.errors > 0 ? '✖' : '✔'} ${summary}`)));
  return `${lines.join('\n')}\n`;
}
