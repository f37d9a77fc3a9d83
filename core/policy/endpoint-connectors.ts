import { BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK } from '../connectors/id';
import { authorityBounds, urlHost } from '../text/url-host';

/**
 * What an endpoint is for each connector that supports endpoint filtering, as the platform's
 * "Connector endpoint filtering" page describes it:
 *   url        HTTP, HTTP Webhook, HTTP with Microsoft Entra ID: the URL
 *   sql        SQL Server: "server,database"
 *   blob       Azure Blob Storage: the storage account name
 *   smtp       SMTP: "server,port"
 *   dataverse  Dataverse: the organization id
 * SharePoint and other connectors have no endpoint filtering; rules for them never take effect.
 */
export type EndpointKind = 'url' | 'sql' | 'blob' | 'smtp' | 'dataverse';

const KINDS: ReadonlyMap<string, EndpointKind> = new Map<string, EndpointKind>([
  [BUILTIN_HTTP, 'url'],
  [BUILTIN_HTTP_WEBHOOK, 'url'],
  ['shared_webcontents', 'url'],
  ['shared_sql', 'sql'],
  ['shared_azureblob', 'blob'],
  ['shared_smtp', 'smtp'],
  ['shared_commondataserviceforapps', 'dataverse'],
]);

/** The kind of endpoint a (normalised) connector filters on, or undefined when it has no filtering. */
export function endpointKind(connectorId: string): EndpointKind | undefined {
  return KINDS.get(connectorId);
}

/** SQL Server endpoints as policies write them: "server,database" ("server" alone when unknown). */
export function sqlEndpoint(server: string, database?: string): string {
  return database ? `${server.trim()},${database.trim()}` : server.trim();
}

/** SMTP endpoints as policies write them: "server,port". */
export function smtpEndpoint(server: string, port?: string | number): string {
  return port === undefined || port === '' ? server.trim() : `${server.trim()},${String(port).trim()}`;
}

/**
 * Azure Blob Storage endpoints are storage account names; a connection may name the account or
 * its URL (https://<account>.blob.core.windows.net), so both reduce to the account name.
 */
export function blobEndpoint(accountOrUrl: string): string {
  const value = accountOrUrl.trim();
  // Read as the HTTP client reads it: `https://acct.blob.core.windows.net@evil.example` is not acct.
  const read = authorityBounds(value) ? urlHost(value) : undefined;
  const host = read === undefined ? value : read.kind === 'host' ? read.host : '';
  const account = /^([^.]+)\.blob\.core\./i.exec(host)?.[1];
  return account ?? value;
}
