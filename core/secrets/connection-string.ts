import type { SecretMatch } from './kinds';
import { isPlausibleSecret } from './plausible';

/**
 * A key that only connection strings have: `Password=` in prose or a URL is not one, so a secret
 * key counts only beside one of these (`Server=`, `AccountName=`, `Endpoint=`, ...).
 */
const CONNECTION_STRING_KEY =
  /(?:^|;)\s*(?:server|data source|host|hostname|endpoint|accountname|defaultendpointsprotocol|user id|uid|username|database|initial catalog|sharedaccesskeyname|authtype|url|address|addr|network address)\s*=/i;

/** `;Password=...` and the like; the value runs to the next ';' and loses its trailing blanks. */
const SECRET_KEY =
  /(?:^|;)\s*(?<name>password|pwd|accountkey|sharedaccesskey|clientsecret|client secret|sharedsecret|access key|accesskey|secretkey)\s*=\s*(?<secret>[^;\s](?:[^;]*[^;\s])?)/dgi;

/** Secrets in ADO.NET, Azure Storage, Service Bus / Event Hubs and Dataverse connection strings. */
export function findConnectionStringSecrets(text: string): SecretMatch[] {
  if (!text.includes('=') || !CONNECTION_STRING_KEY.test(text)) return [];
  const found: SecretMatch[] = [];
  for (const m of text.matchAll(SECRET_KEY)) {
    const secret = m.indices?.groups?.['secret'];
    if (!secret) continue;
    if (!isPlausibleSecret(text.slice(secret[0], secret[1]), 'fixed')) continue;
    found.push({ kind: 'connection-string-secret', start: secret[0], end: secret[1], name: m.groups?.['name'] ?? '' });
  }
  return found;
}
