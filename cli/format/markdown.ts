import { docsUrl } from '../../core/engine/rule';
import type { Finding, Severity } from '../../core/findings';
import type { LintResult } from '../../core/engine/result';
import { countBySeverity } from './counts';
import { htmlText, mdCell, mdText, plural } from './markdown-text';
import { uniqueNotices } from './notices';
import { oneBased } from './position';
import type { FormatOptions } from './types';

// A pull-request comment: a verdict a reviewer reads in one line, a table of findings, and per
// file a collapsed list of the data paths behind them. Messages are the rules' own, secrets
// already masked. GitHub refuses comments over 65,536 characters, so the table and the details
// stop within a budget and say what they left out.

const BUDGET = 60_000;
const MAX_ROWS = 200;

export const SEVERITY_MARK: Record<Severity, string> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };

function verdict(result: LintResult): string {
  const counts = countBySeverity(result.findings);
  const scope = `in ${plural(result.files, 'file')} (${plural(result.flows, 'flow')})`;
  const unreadable = result.unreadable.length > 0 ? `, ${plural(result.unreadable.length, 'file')} unreadable` : '';
  const tally = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}${unreadable} ${scope}`;
  if (counts.errors > 0 || result.unreadable.length > 0) return `❌ **Changes needed**: ${tally}.`;
  if (counts.warnings > 0) return `⚠️ **Passed with warnings**: ${tally}.`;
  if (counts.infos > 0) return `✅ **Passed**: ${tally}.`;
  return `✅ **No problems found** ${scope}.`;
}

export function ruleLink(ruleId: string): string {
  return `[\`${ruleId}\`](${docsUrl(ruleId)})`;
}

function row(f: Finding): string {
  const { line } = oneBased(f.range);
  const cells = [SEVERITY_MARK[f.severity], ruleLink(f.ruleId), `${mdCell(f.file)}:${line}`, mdCell(f.flow ?? ''), mdCell(f.action ?? ''), mdCell(f.message)];
  return `| ${cells.join(' | ')} |`;
}

/** The related locations of one finding as a nested list: the data path's hops, the policy entry. */
export function relatedList(f: Finding): string[] {
  return (f.related ?? []).map((r) => {
    const { line, column } = oneBased(r.range);
    const where = r.file === f.file ? `line ${line}` : `${mdText(r.file)}:${line}:${column}`;
    return `  - ${where}: ${mdText(r.message)}`;
  });
}

function detailsFor(file: string, findings: Finding[]): string {
  const items = findings.flatMap((f) => {
    const { line, column } = oneBased(f.range);
    const action = f.action !== undefined ? ` (${mdText(f.action)})` : '';
    return [`- **${f.severity}** \`${f.ruleId}\` at line ${line}, column ${column}${action}: ${mdText(f.message)}`, ...relatedList(f)];
  });
  return ['<details>', `<summary>${htmlText(file)}: ${plural(findings.length, 'finding')}</summary>`, '', ...items, '', '</details>'].join('\n');
}

function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const files = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = files.get(f.file);
    if (list) list.push(f);
    else files.set(f.file, [f]);
  }
  return files;
}

function table(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const lines = ['| Severity | Rule | File | Flow | Action | Message |', '|---|---|---|---|---|---|'];
  let size = 0;
  let shown = 0;
  for (const f of findings.slice(0, MAX_ROWS)) {
    const text = row(f);
    if (size + text.length > BUDGET / 2) break;
    lines.push(text);
    size += text.length;
    shown++;
  }
  if (shown < findings.length) lines.push('', `… and ${findings.length - shown} more findings; the SARIF or JSON report lists them all.`);
  return ['', ...lines];
}

function details(findings: readonly Finding[], used: number): string[] {
  const out: string[] = [];
  let size = used;
  const files = [...byFile(findings.filter((f) => (f.related ?? []).length > 0))];
  for (const [index, [file, list]] of files.entries()) {
    const block = detailsFor(file, list);
    if (size + block.length > BUDGET) {
      out.push('', `Details of ${plural(files.length - index, 'more file')} left out to keep this comment within GitHub's size limit.`);
      break;
    }
    out.push('', block);
    size += block.length;
  }
  return out;
}

function unreadableList(result: LintResult): string[] {
  if (result.unreadable.length === 0) return [];
  return ['', '**Files FlowGuard could not read:**', '', ...result.unreadable.map((u) => `- ${mdText(u.file)}:${oneBased(u.range).line}: ${mdText(u.message)}`)];
}

function noteList(result: LintResult): string[] {
  const notes = uniqueNotices(result.notices);
  if (notes.length === 0) return [];
  return notes.flatMap((n) => ['', `> **Note:** ${mdText(n.file === undefined ? n.message : `${n.file}: ${n.message}`)}`]);
}

export function formatMarkdown(result: LintResult, _options: FormatOptions): string {
  const head = ['### FlowGuard', '', verdict(result), ...table(result.findings), ...unreadableList(result)];
  const used = head.join('\n').length;
  return `${[...head, ...details(result.findings, used), ...noteList(result)].join('\n')}\n`;
}
