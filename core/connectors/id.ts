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
