import type { ConnectorView } from '../../core/protocol/connectors-view';
import { jsonFinding, jsonRelated } from '../format/json';
import { reviewTotals } from './summary';
import type { ReviewReport } from './types';

function connector(c: ConnectorView) {
  return {
    id: c.id,
    name: c.name,
    group: c.group,
    groups: c.groups.map((g) => ({ policy: g.policy, group: g.group, listed: g.listed })),
    usedBy: c.actions.map((a) => a.name),
  };
}

// A public shape for bots and scripts: keep keys and their order; null for absent. Fixed
// findings give their position in the base revision.
export function formatReviewJson(report: ReviewReport): string {
  const totals = reviewTotals(report);
  const out = {
    base: report.base,
    summary: {
      flowsAdded: totals.added,
      flowsRemoved: totals.removed,
      flowsChanged: totals.changed,
      flowsUnchanged: totals.unchanged,
      new: { errors: totals.new.errors, warnings: totals.new.warnings, infos: totals.new.infos },
      fixed: { errors: totals.fixed.errors, warnings: totals.fixed.warnings, infos: totals.fixed.infos },
    },
    flows: report.flows.map((c) => ({
      status: c.status,
      flow: c.name,
      baseFlow: c.baseName ?? null,
      id: c.id ?? null,
      file: c.file,
      baseFile: c.baseFile ?? null,
      connectors: { added: c.connectorsAdded.map(connector), removed: c.connectorsRemoved.map(connector) },
      newFindings: c.newFindings.map(jsonFinding),
      fixedFindings: c.fixedFindings.map(jsonFinding),
      removedWithFlow: c.removedWith,
    })),
    files: report.files.map((c) => ({ file: c.file, newFindings: c.newFindings.map(jsonFinding), fixedFindings: c.fixedFindings.map(jsonFinding) })),
    unreadable: report.unreadable.map(jsonRelated),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
