import { docsUrl, type RuleMeta } from '../../core/engine/rule';

// A public shape, like the lint report's: keep the keys and their order.
export function formatRulesJson(rules: readonly RuleMeta[]): string {
  const report = {
    rules: rules.map((r) => ({
      id: r.id,
      severity: r.defaultSeverity,
      category: r.category,
      fixable: r.fixable,
      description: r.description,
      docs: docsUrl(r.id),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
