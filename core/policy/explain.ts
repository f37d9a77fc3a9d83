import type { RelatedLocation } from '../findings';
import { GROUP_LABEL, type Classification, type DlpPolicy } from './types';

export function policyName(policy: DlpPolicy): string {
  return `'${policy.displayName}'`;
}

/** A classification's group as people read it, or why there is none. */
export function groupLabel(c: Classification): string {
  if (c.group) return GROUP_LABEL[c.group];
  if (c.unclassified === 'outside-dlp') return 'not classified by DLP';
  if (c.unclassified === 'ignored') return 'Ignored';
  return 'undecided';
}

/** Why a connector is in its group (or in none): listed, matched by a URL pattern, or left to the default group. */
export function why(c: Classification): string {
  const policy = `policy ${policyName(c.policy)}`;
  if (c.unclassified === 'outside-dlp') return 'the platform does not classify this connector in any DLP policy';
  if (c.pattern) {
    const rule = `custom connector URL pattern '${c.pattern.pattern}' (order ${c.pattern.order})`;
    return c.group ? `${policy} classifies its host ${c.hostUrl ?? ''} as ${GROUP_LABEL[c.group]} by ${rule}` : `${policy} ignores it: its host ${c.hostUrl ?? ''} matches ${rule}, which is Ignore`;
  }
  if (c.unclassified === 'ignored') return `no custom connector URL pattern of ${policy} matches its host ${c.hostUrl ?? ''}, so that policy does not classify it`;
  if (c.unclassified === 'undecidable') return `${policy} classifies custom connectors by host URL, and ${c.reason ?? 'the host is unknown'}`;
  if (!c.group) return `${policy} does not classify it`;
  return c.entry
    ? `${policy} lists it as ${GROUP_LABEL[c.group]}`
    : `${policy} does not list it, so it falls into the default group, ${GROUP_LABEL[c.group]}`;
}

/** A related location at the policy entry or URL pattern (or the policy itself when the connector is unlisted). */
export function policyEntry(c: Classification): RelatedLocation {
  const at = c.entry?.at ?? c.pattern?.at ?? c.policy.at;
  return { file: at.file, range: at.range, message: entryMessage(c) };
}

function entryMessage(c: Classification): string {
  const policy = policyName(c.policy);
  if (c.entry && c.group) return `${GROUP_LABEL[c.group]} in policy ${policy}`;
  if (c.pattern) return `URL pattern '${c.pattern.pattern}' of policy ${policy}: ${groupLabel(c)}`;
  if (c.group) return `Policy ${policy}: unlisted connectors default to ${GROUP_LABEL[c.group]}`;
  return `Policy ${policy}: ${groupLabel(c)}`;
}
