import { credentialName, type CredentialName } from './credential-name';
import type { SecretMatch } from './kinds';
import { isPlausibleSecret } from './plausible';

/** `name=value` pairs of a query string or form body; the value class stops at the next pair. */
const QUERY_PAIR = /(?:^|[?&])(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,40})=(?<value>[^&#\s"'<>]*)/dg;
/** `scheme://user:password@host`; neither part may hold the delimiters around it. */
const URL_PASSWORD = /\b[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/[^\s:/?#@"'<>]{1,128}:(?<secret>[^\s/?#@"'<>]{1,256})@/dg;

/** Shortest value of `sig` reported: SAS signatures are 43 or more characters. */
const SIG_MIN_LENGTH = 16;

/**
 * What a query parameter's name says of its value: `sig` is a shared access signature; `code`,
 * which means nothing alone, is the key of an Azure Functions URL and counts when it looks
 * random; other names count as credential names do (`api_key`, `access_token`, `password`).
 */
export function queryParameterRole(name: string): CredentialName | undefined {
  const lower = name.toLowerCase();
  if (lower === 'sig') return { strength: 'explicit', kind: 'sas-signature' };
  if (lower === 'code') return { strength: 'generic', kind: 'url-query-secret' };
  const named = credentialName(name);
  return named && { strength: named.strength, kind: 'url-query-secret' };
}

function decodeQueryValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function isQuerySecret(role: CredentialName, raw: string): boolean {
  const value = decodeQueryValue(raw);
  if (role.kind === 'sas-signature' && value.length < SIG_MIN_LENGTH) return false;
  return isPlausibleSecret(value, role);
}

/** Credentials in query strings (`&sig=`, `?code=`, `api_key=`) and in URL user info (`user:pass@`). */
export function findUrlSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  if (text.includes('=')) {
    for (const m of text.matchAll(QUERY_PAIR)) {
      const name = m.groups?.['name'] ?? '';
      const value = m.indices?.groups?.['value'];
      if (!value || value[0] === value[1]) continue;
      const role = queryParameterRole(name);
      if (role && isQuerySecret(role, text.slice(value[0], value[1]))) found.push({ kind: role.kind, start: value[0], end: value[1], name });
    }
  }
  if (text.includes('://')) {
    for (const m of text.matchAll(URL_PASSWORD)) {
      const secret = m.indices?.groups?.['secret'];
      if (secret && isPlausibleSecret(decodeQueryValue(text.slice(secret[0], secret[1])), 'fixed')) {
        found.push({ kind: 'url-password', start: secret[0], end: secret[1] });
      }
    }
  }
  return found;
}
