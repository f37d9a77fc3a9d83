import { normalizeConnectorId } from '../connectors/id';
import type { Classification, DlpPolicy } from './types';
import { isUnblockable } from './unblockable';

/**
 * A connector's group under one policy: the group that lists it, else the policy's default group.
 * The HTTP built-ins are ordinary connectors here: since May 2020 policies classify and may block
 * them like any other. Connectors the platform cannot block fall to Non-Business when the default
 * group is Blocked (see unblockable.ts).
 */
export function classify(policy: DlpPolicy, connectorId: string): Classification {
  const id = normalizeConnectorId(connectorId);
  const unblockable = isUnblockable(id);
  const entry = policy.connectors.get(id);
  const base = unblockable ? { unblockable: true } : {};
  if (entry) return { policy, group: entry.group, entry, ...base };
  const group = unblockable && policy.defaultGroup === 'blocked' ? 'nonBusiness' : policy.defaultGroup;
  return { policy, group, ...base };
}

/** The connector's group under each policy, in the policies' order. */
export function classifyAll(policies: readonly DlpPolicy[], connectorId: string): Classification[] {
  return policies.map((policy) => classify(policy, connectorId));
}

/** Blocked under any one of the policies is blocked: the most restrictive policy wins. */
export function isBlocked(policies: readonly DlpPolicy[], connectorId: string): boolean {
  return policies.some((policy) => classify(policy, connectorId).group === 'blocked');
}

/** The classifications that block the connector, for pointing a finding at each policy entry. */
export function blockingClassifications(policies: readonly DlpPolicy[], connectorId: string): Classification[] {
  return classifyAll(policies, connectorId).filter((c) => c.group === 'blocked');
}
