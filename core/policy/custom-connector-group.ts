import type { CustomConnector, CustomConnectorLink } from '../model/types';
import type { Classification, DlpPolicy, UrlPatternRule } from './types';
import { wildcardMatch } from './wildcard';

/**
 * Tenant-level policies (all environments, several, or all but some) classify custom connectors by
 * their host URL, not by name: "Because the scope of custom connectors is environment-specific,
 * these connectors don't show up on the Connectors page"; instead an ordered list of URL patterns
 * decides, the `*` rule last, Ignore by default, where "Ignore" defers to other policies
 * (https://learn.microsoft.com/power-platform/admin/dlp-custom-connector-parity). Environment-level
 * policies (one environment, set by its admins) list custom connectors by name like any other
 * (https://learn.microsoft.com/power-platform/admin/dlp-policy-scope).
 */
export function isTenantLevel(policy: DlpPolicy): boolean {
  return policy.scope.type !== 'single';
}

/** A custom connector's place under a tenant-level policy that does not list it by id. */
export function classifyByUrl(policy: DlpPolicy, link: CustomConnectorLink): Classification {
  const connector = link.connector;
  const unknown = unknownHost(connector, link);
  if (unknown) return { policy, unclassified: 'undecidable', reason: unknown };
  if (!policy.urlPatterns) {
    return {
      policy,
      unclassified: 'undecidable',
      reason:
        'the policy file carries no custom connector URL patterns (Get-DlpPolicy output leaves them out): export the policy from the admin API, ' +
        'with its customConnectorUrlPatternsDefinition, or add "customConnectors" patterns to a FlowGuard policy',
    };
  }
  const urls = hostUrls(connector as CustomConnector);
  for (const rule of policy.urlPatterns) {
    if (!urls.some((url) => patternMatches(rule, url))) continue;
    const hostUrl = urls[0] as string;
    if (rule.classification === 'ignore') return { policy, unclassified: 'ignored', pattern: rule, hostUrl };
    return { policy, group: rule.classification, pattern: rule, hostUrl };
  }
  // The platform always ends the list with `*`; a file without one classifies nothing else.
  return { policy, unclassified: 'ignored', hostUrl: urls[0] as string };
}

/** Why the host URL a tenant-level policy would match is not known here, or undefined when it is. */
function unknownHost(connector: CustomConnector | undefined, link: CustomConnectorLink): string | undefined {
  if (!connector) {
    const name = link.logicalName ? ` (${link.logicalName})` : '';
    return `its definition${name} is not in the workspace, so its host URL, which tenant-level policies classify custom connectors by, is unknown: lint the solution that carries the connector alongside`;
  }
  if (connector.hostKind === 'environment-variable') {
    return `its host comes from the environment variable ${connector.hostVariable ?? connector.host ?? ''}, which each environment sets, so the URL pattern that decides its group is unknown here`;
  }
  if (connector.hostKind === 'expression') return 'its host is an expression evaluated at run time, so the URL pattern that decides its group is unknown here';
  if (connector.hostKind === 'missing' || !connector.host) return 'its definition names no host, so no URL pattern can be matched';
  return undefined;
}

/** What a pattern may be written against: 'https://api.contoso.com', with its base path, or the bare host. */
function hostUrls(connector: CustomConnector): string[] {
  const host = (connector.host as string).trim().replace(/\/+$/, '');
  const base = connector.basePath && connector.basePath !== '/' ? `/${connector.basePath.replace(/^\/+|\/+$/g, '')}` : '';
  const schemes = connector.schemes.length > 0 ? connector.schemes : ['https'];
  const urls = schemes.map((scheme) => `${scheme.toLowerCase()}://${host}`);
  if (base) urls.push(...schemes.map((scheme) => `${scheme.toLowerCase()}://${host}${base}`));
  return urls;
}

/**
 * The docs show patterns such as `https://*.contoso.com` and do not spell the matching out; like
 * endpoint rules, a pattern matches the whole URL with `*` for any run of characters, a trailing
 * slash aside. A pattern without a scheme is compared with the bare host as well.
 */
function patternMatches(rule: UrlPatternRule, url: string): boolean {
  const pattern = rule.pattern.trim().replace(/\/+$/, '');
  if (pattern === '*' || wildcardMatch(pattern, url)) return true;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(pattern)) return wildcardMatch(pattern, url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
  return false;
}
