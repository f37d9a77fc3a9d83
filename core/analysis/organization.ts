import type { Config } from '../config/types';

/**
 * The organisation's mail domains: `organizationDomains` of flowguard.json, else the domains of
 * `trustedDomains` (a host pattern `*.contoso.com` or `api.contoso.com` says the organisation owns
 * contoso.com or api.contoso.com). Lower case, without a leading `*.`; empty when neither is set.
 */
export function organizationDomains(config: Config): string[] {
  const written = config.organizationDomains.length > 0 ? config.organizationDomains : config.trustedDomains;
  return [...new Set(written.map((d) => d.trim().toLowerCase().replace(/^\*\./, '')).filter((d) => d !== ''))];
}

/**
 * Whether a mail domain is the organisation's: one of its domains or a subdomain of one. A
 * subdomain is owned by whoever owns the domain's DNS, so `eu.contoso.com` is as internal as
 * `contoso.com`; `contoso.com.evil.example` and `notcontoso.com` are not.
 */
export function inOrganization(domain: string, domains: readonly string[]): boolean {
  const lower = domain.toLowerCase().replace(/\.$/, '');
  return domains.some((d) => lower === d || lower.endsWith(`.${d}`));
}
