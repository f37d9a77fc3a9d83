import type { Step } from '../model/types';
import { hostTrusted, TENANT_CLOUD_HOSTS } from './hosts';

/**
 * Whether a custom connector action's output counts as business data with no policy to say so.
 * Makers wrap their tenant's own APIs (Graph, Dataverse, SharePoint, Azure) in custom
 * connectors, so a connector whose host is a Microsoft tenant API returns the tenant's data.
 * When the host is not known (the definition is in another solution, or the host comes from an
 * environment variable or an expression) the connector may as well point at an internal
 * system, and missing a leak is worse than one finding too many. A literal third-party host
 * (an exchange-rate or weather API) returns that company's public data: not a source.
 */
export function customConnectorHoldsData(step: Step): boolean {
  const custom = step.connector?.custom;
  if (step.kind !== 'action' || !custom) return false;
  const definition = custom.connector;
  if (!definition || definition.hostKind !== 'literal' || !definition.host) return true;
  const host = definition.host.replace(/:\d+$/, '').toLowerCase();
  return hostTrusted(host, TENANT_CLOUD_HOSTS);
}
