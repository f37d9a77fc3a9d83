import { isCustomConnectorId, normalizeConnectorId } from '../connectors/id';
import type { CustomConnectorLink } from '../model/types';
import { classifyByUrl, isTenantLevel } from './custom-connector-group';
import type { Classification, DlpPolicy } from './types';
import { isOutsideDlp } from './unclassifiable';
import { isUnblockable } from './unblockable';

/** What classification needs of a connector: its id and, for a custom connector, its link. */
export type ClassifiableConnector = string | { id: string; custom?: CustomConnectorLink };

/**
 * A connector's group under one policy, the one place every rule, view and command asks. In turn:
 * - a connector the platform never classifies (Content Conversion) gets no group;
 * - a connector the policy lists is in that group;
 * - a custom connector under a tenant-level policy is classified by its host URL (no group when
 *   Ignore matches, or when its host URL is unknown here: never a guess);
 * - anything else falls into the policy's default group. The HTTP built-ins are ordinary
 *   connectors here: since May 2020 policies classify and may block them like any other.
 *   Connectors the platform cannot block fall to Non-Business when the default group is Blocked
 *   (see unblockable.ts).
 */
export function classify(policy: DlpPolicy, connector: ClassifiableConnector): Classification {
  // A custom connector's link can decide its group (classifyByUrl); any other connector's group
  // depends on the policy and its id alone. Every DLP rule, and the views, ask for each step under
  // each policy, and a language server asks again at each edit: the answer is kept per policy,
  // by the id as given. Nothing changes a Classification once made.
  if (typeof connector !== 'string' && connector.custom) return classifyAnew(policy, connector);
  const given = typeof connector === 'string' ? connector : connector.id;
  let known = classified.get(policy);
  if (!known) classified.set(policy, (known = new Map()));
  let found = known.get(given);
  if (!found) known.set(given, (found = classifyAnew(policy, given)));
  return found;
}

const classified = new WeakMap<DlpPolicy, Map<string, Classification>>();

function classifyAnew(policy: DlpPolicy, connector: ClassifiableConnector): Classification {
  const id = normalizeConnectorId(typeof connector === 'string' ? connector : connector.id);
  if (isOutsideDlp(id)) return { policy, unclassified: 'outside-dlp' };
  const entry = policy.connectors.get(id);
  const unblockable = isUnblockable(id);
  const base = unblockable ? { unblockable: true } : {};
  if (entry) return { policy, group: entry.group, entry, ...base };
  const custom = customLink(connector, id);
  if (custom && isTenantLevel(policy)) return classifyByUrl(policy, custom);
  const group = unblockable && policy.defaultGroup === 'blocked' ? 'nonBusiness' : policy.defaultGroup;
  return { policy, group, ...base };
}

/** A step knows its link; a bare id is custom when it has the platform's custom connector shape. */
function customLink(connector: ClassifiableConnector, id: string): CustomConnectorLink | undefined {
  if (typeof connector !== 'string' && connector.custom) return connector.custom;
  return isCustomConnectorId(id) ? {} : undefined;
}

/** The connector's group under each policy, in the policies' order. */
export function classifyAll(policies: readonly DlpPolicy[], connector: ClassifiableConnector): Classification[] {
  return policies.map((policy) => classify(policy, connector));
}

/** Blocked under any one of the policies is blocked: the most restrictive policy wins. */
export function isBlocked(policies: readonly DlpPolicy[], connector: ClassifiableConnector): boolean {
  return policies.some((policy) => classify(policy, connector).group === 'blocked');
}

/** The classifications that block the connector, for pointing a finding at each policy entry. */
export function blockingClassifications(policies: readonly DlpPolicy[], connector: ClassifiableConnector): Classification[] {
  return classifyAll(policies, connector).filter((c) => c.group === 'blocked');
}
