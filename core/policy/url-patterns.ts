import type { JsonNode } from '../artifacts/json';
import type { PolicyReader } from './reader';
import { TENANT_CLASSIFICATION } from './tenant-policy';
import { readOrder } from './tenant-rules';
import type { UrlPatternRule } from './types';

const RULE_CLASSIFICATION: Record<string, UrlPatternRule['classification']> = { ...TENANT_CLASSIFICATION, Ignore: 'ignore' };

/**
 * Reads `customConnectorUrlPatternsDefinition: {rules: [{order, customConnectorRuleClassification,
 * pattern}]}` of an admin API export: how a tenant-level policy classifies custom connectors by
 * their host URL (https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity).
 */
export function readUrlPatterns(reader: PolicyReader, node: JsonNode): UrlPatternRule[] {
  const definition = reader.object(node, '"customConnectorUrlPatternsDefinition"');
  return reader.array(definition, 'rules').map((ruleNode, index) => {
    const rule = reader.object(ruleNode, 'a custom connector URL pattern rule');
    const classification = reader.choice(rule, 'customConnectorRuleClassification', RULE_CLASSIFICATION);
    if (!classification) reader.fail(rule, 'a custom connector URL pattern rule needs a "customConnectorRuleClassification" (Confidential, General, Blocked or Ignore)');
    const pattern = reader.requiredString(rule, 'pattern', 'a custom connector URL pattern rule');
    return { order: readOrder(reader, rule, index), classification, pattern, at: reader.loc(rule) };
  });
}

/** Sorted by order; the platform keeps `*` last, and warns here when a list does not end with it. */
export function sortUrlPatterns(reader: PolicyReader, rules: UrlPatternRule[], node: JsonNode): UrlPatternRule[] {
  const sorted = [...rules].sort((a, b) => a.order - b.order);
  const last = sorted[sorted.length - 1];
  if (sorted.length > 0 && last?.pattern.trim() !== '*') {
    reader.warn(node, 'custom connector URL patterns should end with a "*" rule (the platform always has one, Ignore by default); custom connectors no rule matches are not classified by this policy');
  }
  return sorted;
}
