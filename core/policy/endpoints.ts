import { normalizeConnectorId } from '../connectors/id';
import { endpointKind } from './endpoint-connectors';
import type { DlpPolicy, EndpointRule } from './types';
import { wildcardMatch } from './wildcard';
import { withoutUserinfo } from '../text/url-host';

export interface EndpointVerdict {
  behavior: 'allow' | 'deny';
  rule: EndpointRule;
}

/**
 * What one policy's endpoint filtering says about an endpoint of a connector: the first rule, in
 * `order`, whose pattern matches the whole endpoint (case-insensitive, `*` for any characters).
 * Undefined when the policy filters no endpoints of the connector, or no rule matches (the platform
 * ends every list with `*`, so only hand-written lists get there).
 *
 * The endpoint must be in the connector's own form (see endpoint-connectors.ts): a URL for HTTP, so
 * a pattern without a scheme such as "contoso.com" matches no URL, exactly as on the platform.
 * The platform does not evaluate endpoints built from expressions or environment variables; the
 * caller decides what to do with those rather than passing them here.
 */
export function endpointBehavior(policy: DlpPolicy, connectorId: string, endpoint: string): EndpointVerdict | undefined {
  const id = normalizeConnectorId(connectorId);
  const config = policy.endpointRules.get(id);
  if (!config) return undefined;
  const canonical = endpointKind(id) === 'sql' || endpointKind(id) === 'smtp' ? tightCommas : (s: string) => s.trim();
  const verdicts = urlForms(id, canonical(endpoint)).map((value) => config.rules.find((r) => wildcardMatch(canonical(r.endpoint), value)));
  // A URL with user info must not pass as the host it spells before the '@': any reading denied is denied.
  const rule = verdicts.find((r) => r?.behavior === 'deny') ?? verdicts[0];
  return rule ? { behavior: rule.behavior, rule } : undefined;
}

/** A URL as written and, when it carries user info, as the host it really reaches (`https://a@b/` -> `https://b/`). */
function urlForms(connectorId: string, endpoint: string): string[] {
  const bare = endpointKind(connectorId) === 'url' ? withoutUserinfo(endpoint) : undefined;
  return bare === undefined ? [endpoint] : [endpoint, bare];
}

/** The docs write SQL endpoints both as "server, database" and "server,database"; both mean one thing. */
function tightCommas(value: string): string {
  return value.trim().replace(/\s*,\s*/g, ',');
}

export function hasEndpointRules(policy: DlpPolicy, connectorId: string): boolean {
  return (policy.endpointRules.get(normalizeConnectorId(connectorId))?.rules.length ?? 0) > 0;
}
