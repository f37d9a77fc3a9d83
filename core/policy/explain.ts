import type { RelatedLocation } from '../findings';
import { GROUP_LABEL, type Classification, type DlpPolicy } from './types';

export function policyName(policy: DlpPolicy): string {
  return `'${policy.displayName}'`;
}

/** Why a connector is in its group: listed by the policy, or left to its default group. */
export function why(c: Classification): string {
  return c.entry
    ? `policy ${policyName(c.policy)} lists it as ${GROUP_LABEL[c.group]}`
    : `policy ${policyName(c.policy)} does not list it, so it falls into the default group, ${GROUP_LABEL[c.group]}`;
}

/** A related location at the policy entry (or the policy itself when the connector is unlisted). */
export function policyEntry(c: Classification): RelatedLocation {
  const at = c.entry?.at ?? c.policy.at;
  return {
    file: at.file,
    range: at.range,
    message: c.entry
      ? `${GROUP_LABEL[c.group]} in policy ${policyName(c.policy)}`
      : `Policy ${policyName(c.policy)}: unlisted connectors default to ${GROUP_LABEL[c.group]}`,
  };
}
