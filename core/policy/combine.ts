import { normalizeConnectorId } from '../connectors/id';
import { classify } from './classify';
import type { DlpPolicy } from './types';

export interface PolicyGroups {
  policy: DlpPolicy;
  /** Normalised ids, in the order first given. */
  business: string[];
  nonBusiness: string[];
  /** Both groups are used: the flow breaks this policy. */
  mixed: boolean;
}

/**
 * For the mixed-groups rule: how one flow's connectors split between Business and Non-Business
 * under each policy. A flow must keep to one group of every policy that applies, so each policy
 * is judged alone. Blocked connectors are left out; they are reported on their own.
 */
export function combinedGroups(policies: readonly DlpPolicy[], connectorIds: readonly string[]): PolicyGroups[] {
  const ids = [...new Set(connectorIds.map(normalizeConnectorId))];
  return policies.map((policy) => {
    const business: string[] = [];
    const nonBusiness: string[] = [];
    for (const id of ids) {
      const group = classify(policy, id).group;
      if (group === 'business') business.push(id);
      else if (group === 'nonBusiness') nonBusiness.push(id);
    }
    return { policy, business, nonBusiness, mixed: business.length > 0 && nonBusiness.length > 0 };
  });
}
