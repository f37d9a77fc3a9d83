import { urlHost } from '../text/url-host';

/**
 * The host of a URL whose host part is literal, as the platform's HTTP client reads it (user info
 * dropped); undefined when the host is built at run time or cannot be read for certain, so that
 * no caller trusts a host it had to guess.
 */
export function literalHost(url: string): string | undefined {
  const read = urlHost(url);
  return read.kind === 'host' ? read.host : undefined;
}

/** `*.contoso.com` matches any subdomain of contoso.com; `api.contoso.com` matches itself only. */
export function hostTrusted(host: string, patterns: readonly string[]): boolean {
  const lower = host.toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.')) return lower.endsWith(p.slice(1)) && lower.length > p.length - 1;
    return lower === p;
  });
}

/**
 * Microsoft cloud APIs that act on the caller's own tenant (Graph, Azure Resource Manager, the
 * Power Platform admin APIs, Dataverse, SharePoint, sign-in). Data sent there with the tenant's
 * credentials stays inside the tenant, so they are trusted by default, beside trustedDomains.
 */
export const TENANT_CLOUD_HOSTS: readonly string[] = [
  'graph.microsoft.com',
  '*.graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'management.azure.com',
  'management.usgovcloudapi.net',
  'api.bap.microsoft.com',
  '*.api.bap.microsoft.com',
  'api.flow.microsoft.com',
  '*.api.flow.microsoft.com',
  'api.powerapps.com',
  '*.api.powerapps.com',
  '*.api.powerplatform.com',
  '*.dynamics.com',
  '*.sharepoint.com',
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'manage.office.com',
  'outlook.office.com',
  'outlook.office365.com',
];
