import type { Finding } from '../../core/findings';
import type { ConnectorView } from '../../core/protocol/connectors-view';
import { groupLabel } from '../connectors/group-label';
import { relatedList, ruleLink, SEVERITY_MARK } from '../format/markdown';
import { htmlText, mdCell, mdText, plural } from '../format/markdown-text';
import { uniqueNotices } from '../format/notices';
import { oneBased } from '../format/position';
import { reviewTotals, totalsLine, usedBy, type ReviewTotals } from './summary';
import type { FileChange, FlowChange, ReviewReport } from './types';

// The comment a bot posts on a pull request: the verdict first, then per flow what the change
// does to it, so a reviewer sees "Dropbox (Blocked) added" and the data path it opens without
// opening a file. GitHub refuses comments over 65,536 characters: past the budget, flows are
// listed by name only.

const BUDGET = 60_000;

function verdict(report: ReviewReport, t: ReviewTotals): string {
  if (t.new.errors > 0) return `❌ **This change adds ${plural(t.new.errors, 'error')}.**`;
  if (report.unreadable.length > 0) return `❌ **FlowGuard cannot read ${plural(report.unreadable.length, 'file')} of this change.**`;
  if (t.new.warnings > 0) return `⚠️ **This change adds ${plural(t.new.warnings, 'warning')}** and no errors.`;
  return '✅ **No new problems.**';
}

function connectorRows(c: FlowChange): string[] {
  const row = (mark: string, k: ConnectorView): string =>
    `| ${mark} | ${mdCell(k.name)} | ${k.groups.length === 0 ? '' : groupLabel(k.group)} | ${mdCell(usedBy(k))} |`;
  const rows = [...c.connectorsAdded.map((k) => row('➕ added', k)), ...c.connectorsRemoved.map((k) => row('➖ removed', k))];
  return rows.length === 0 ? [] : ['', '| | Connector | DLP group | Used by |', '|---|---|---|---|', ...rows];
}

function findingRows(newFindings: Finding[], fixedFindings: Finding[]): string[] {
  const row = (mark: string, f: Finding, where: string): string =>
    `| ${mark} | ${SEVERITY_MARK[f.severity]} | ${ruleLink(f.ruleId)} | ${where} | ${mdCell(f.action ?? '')} | ${mdCell(f.message)} |`;
  const rows = [
    ...newFindings.map((f) => row('🆕 new', f, String(oneBased(f.range).line))),
    ...fixedFindings.map((f) => row('✅ fixed', f, `${oneBased(f.range).line} (base)`)),
  ];
  return rows.length === 0 ? [] : ['', '| | Severity | Rule | Line | Action | Message |', '|---|---|---|---|---|---|', ...rows];
}

function paths(findings: Finding[]): string[] {
  const withRelated = findings.filter((f) => (f.related ?? []).length > 0);
  if (withRelated.length === 0) return [];
  const items = withRelated.flatMap((f) => [`- \`${f.ruleId}\` at line ${oneBased(f.range).line}: ${mdText(f.message)}`, ...relatedList(f)]);
  return ['', '<details>', '<summary>Data paths and policy entries of the new findings</summary>', '', ...items, '', '</details>'];
}

function flowSection(c: FlowChange): string {
  const status = c.status === 'changed' ? '' : ` (${c.status})`;
  const renamed = c.baseName !== undefined ? `, was '${mdText(c.baseName)}'` : '';
  const file = `${mdText(c.file)}${c.baseFile !== undefined ? ` (was ${mdText(c.baseFile)})` : ''}`;
  const removed = c.removedWith > 0 ? ['', `${plural(c.removedWith, 'finding')} removed with the flow.`] : [];
  return [`#### Flow '${mdText(c.name)}'${status}${renamed}`, '', file, ...connectorRows(c), ...findingRows(c.newFindings, c.fixedFindings), ...removed, ...paths(c.newFindings)].join('\n');
}

function fileSection(c: FileChange): string {
  return [`#### ${mdText(c.file)}`, ...findingRows(c.newFindings, c.fixedFindings), ...paths(c.newFindings)].join('\n');
}

function sections(report: ReviewReport, used: number): string[] {
  const all = [...report.flows.map((c) => ({ title: c.name, text: flowSection(c) })), ...report.files.map((c) => ({ title: c.file, text: fileSection(c) }))];
  const out: string[] = [];
  let size = used;
  for (const [index, s] of all.entries()) {
    if (size + s.text.length > BUDGET) {
      const rest = all.slice(index).map((r) => htmlText(r.title));
      out.push('', `Left out to keep this comment within GitHub's size limit (the JSON report has everything): ${rest.join(', ')}.`);
      break;
    }
    out.push('', s.text);
    size += s.text.length;
  }
  return out;
}

export function formatReviewMarkdown(report: ReviewReport): string {
  const t = reviewTotals(report);
  const compared = `Compared with ${mdText(report.base.ref)} (${report.base.commit.slice(0, 12)}).`;
  const head = ['### FlowGuard review', '', `${verdict(report, t)} ${mdText(totalsLine(t))}. ${compared}`];
  const unreadable = report.unreadable.length === 0 ? [] : ['', '**Files FlowGuard could not read:**', '', ...report.unreadable.map((u) => `- ${mdText(u.file)}:${oneBased(u.range).line}: ${mdText(u.message)}`)];
  const notes = uniqueNotices(report.notices).flatMap((n) => ['', `> **Note:** ${mdText(n.file === undefined ? n.message : `${n.file}: ${n.message}`)}`]);
  const used = [...head, ...unreadable, ...notes].join('\n').length;
  return `${[...head, ...sections(report, used), ...unreadable, ...notes].join('\n')}\n`;
}
