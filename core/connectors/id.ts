/**
 * Connector ids compare short and lower-case: '/providers/Microsoft.PowerApps/apis/shared_sql',
 * 'shared_sql' and 'Shared_SQL' are one connector; the built-ins are 'http', 'httpwebhook' and
 * 'httprequestreceived', as DLP policies name them.
 */
export function normalizeConnectorId(id: string): string {
  const trimmed = id.trim();
  const slash = trimmed.lastIndexOf('/');
  return (slash >= 0 ? trimmed.slice(slash + 1) : trimmed).toLowerCase();
}

export const BUILTIN_HTTP = 'http';
export const BUILTIN_HTTP_WEBHOOK = 'httpwebhook';
export const BUILTIN_HTTP_REQUEST_RECEIVED = 'httprequestreceived';

/**
 * The id the platform gives a custom connector: 'shared_' + the publisher prefix and name, with
 * '_' written '-5f', then '-5f' and 16 hex digits ('shared_cre80-5fkursy-20walut-20nbp-5f9f745961df205669').
 * No Microsoft connector has this shape.
 */
const CUSTOM_CONNECTOR_ID = /^shared_[a-z0-9-]+-5f[0-9a-f]{16}$/;

export function isCustomConnectorId(normalizedId: string): boolean {
  return CUSTOM_CONNECTOR_ID.test(normalizedId);
}
