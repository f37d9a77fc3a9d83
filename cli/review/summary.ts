import type { ConnectorView } from '../../core/protocol/connectors-view';
import { countBySeverity, type SeverityCounts } from '../format/counts';
import { groupLabel } from '../connectors/group-label';
import type { ReviewReport } from './types';

export interface ReviewTotals {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  new: SeverityCounts & { total: number };
  fixed: SeverityCounts & { total: number };
}

export function reviewTotals(report: ReviewReport): ReviewTotals {
  const all = [...report.flows, ...report.files];
  const newFindings = all.flatMap((c) => c.newFindings);
  const fixedFindings = all.flatMap((c) => c.fixedFindings);
  return {
    added: report.flows.filter((f) => f.status === 'added').length,
    removed: report.flows.filter((f) => f.status === 'removed').length,
    changed: report.flows.filter((f) => f.status === 'changed').length,
    unchanged: report.unchangedFlows,
    new: { ...countBySeverity(newFindings), total: newFindings.length },
    fixed: { ...countBySeverity(fixedFindings), total: fixedFindings.length },
  };
}

/** 'Dropbox (Blocked)'; without a policy there is no group to show. */
export function connectorLabel(c: ConnectorView): string {
  return c.groups.length === 0 ? c.name : `${c.name} (${groupLabel(c.group)})`;
}

export function usedBy(c: ConnectorView): string {
  return c.actions.map((a) => a.name).join(', ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** '1 flow added, 2 changed, 0 removed; 3 new problems (2 errors, 1 warning, 0 infos), 1 fixed' */
export function totalsLine(t: ReviewTotals): string {
  const flows = `${plural(t.added, 'flow')} added, ${t.changed} changed, ${t.removed} removed`;
  const fresh = `${plural(t.new.total, 'new problem')} (${plural(t.new.errors, 'error')}, ${plural(t.new.warnings, 'warning')}, ${plural(t.new.infos, 'info')})`;
  return `${flows}; ${fresh}, ${t.fixed.total} fixed`;
}
