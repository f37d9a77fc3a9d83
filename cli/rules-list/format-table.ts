import { maxOf } from '../../core/arrays';
import type { RuleMeta } from '../../core/engine/rule';
import { DOCS_BASE } from '../../core/engine/rule';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** One line per rule, in id order, columns aligned; the description is last so it may run long. */
export function formatRulesTable(rules: readonly RuleMeta[]): string {
  const header = ['rule', 'severity', 'category', 'fixable', 'description'];
  const rows = rules.map((r) => [r.id, r.defaultSeverity, r.category, r.fixable ? 'yes' : 'no', r.description]);
  const table = [header, ...rows];
  const widths = header.map((_, i) => maxOf(table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!))).join('  ').trimEnd());
  const footer = `${rules.length} rules. Severities are the defaults; "rules" in flowguard.json and --rule ID=SEVERITY change them. Each rule's page: ${DOCS_BASE}<rule>.md`;
  return `${[...lines, '', footer].join('\n')}\n`;
}
