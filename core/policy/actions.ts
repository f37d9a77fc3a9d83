import { normalizeConnectorId } from '../connectors/id';
import type { ActionRule, ConnectorActionRules, DlpPolicy } from './types';

export interface ActionVerdict {
  behavior: 'allow' | 'block';
  /** The rule naming the operation; absent when the connector's default behaviour decided. */
  rule?: ActionRule;
  config?: ConnectorActionRules;
}

/**
 * What connector action control in one policy says about an operation (action or trigger), or
 * undefined when the policy has no action rules for the connector. Operation ids compare without
 * case; an operation no rule names gets the connector's default behaviour, which also covers
 * operations the connector gains later.
 */
export function actionBehavior(policy: DlpPolicy, connectorId: string, operationId: string): ActionVerdict | undefined {
  const config = policy.actionRules.get(normalizeConnectorId(connectorId));
  if (!config) return undefined;
  const wanted = operationId.toLowerCase();
  const rule = config.rules.find((r) => r.actionId.toLowerCase() === wanted);
  return rule ? { behavior: rule.behavior, rule, config } : { behavior: config.defaultBehavior, config };
}
