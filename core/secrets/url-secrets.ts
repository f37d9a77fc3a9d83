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
 * Query parameter names that mean nothing alone but carry keys in practice: `code` is the key of
 * an Azure Functions URL. Judged like generic names: only random-looking values count.
 */
const QUERY_ONLY: ReadonlyMap<string, CredentialName> = new Map([['code', { strength: 'generic', kind: 'url-query-secret' }]]);

function decodeQueryValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function querySecret(name: string, raw: string): SecretMatch['kind'] | undefined {
  const value = decodeQueryValue(raw);
  const lower = name.toLowerCase();
  if (lower === 'sig') return value.length >= SIG_MIN_LENGTH && isPlausibleSecret(value, { strength: 'explicit', kind: 'secret' }) ? 'sas-signature' : undefined;
  const by = QUERY_ONLY.get(lower) ?? credentialName(name);
  return by && isPlausibleSecret(value, by) ? 'url-query-secret' : undefined;
}

/** Credentials in query strings (`&sig=`, `?code=`, `api_key=`) and in URL user info (`user:pass@`). */
export function findUrlSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  if (text.includes('=')) {
    for (const m of text.matchAll(QUERY_PAIR)) {
      const name = m.groups?.['name'] ?? '';
      const value = m.indices?.groups?.['value'];
      if (!value || value[0] === value[1]) continue;
      const kind = querySecret(name, text.slice(value[0], value[1]));
      if (kind) found.push({ kind, start: value[0], end: value[1], name });
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
