import { secretLabel, type SecretMatch } from './kinds';
import { maskSecret } from './mask';
import { formatPath } from './scan-json';

/** What names the secret inside its value, in words: a query parameter, a connection string key. */
export function describeInValue(match: SecretMatch): string | undefined {
  if (!match.name) return undefined;
  if (match.kind === 'sas-signature' || match.kind === 'url-query-secret') return `query parameter '${match.name}' of the URL`;
  if (match.kind === 'connection-string-secret') return `'${match.name}=' of the connection string`;
  return `member '${match.name}' of the JSON text`;
}

/** Where in a JSON value the secret sits: a header, a query parameter of a field, a field. */
export function describeField(path: readonly (string | number)[], match: SecretMatch): string {
  const at = formatPath(path);
  const inValue = describeInValue(match);
  if (inValue) return `${inValue} in ${at}`;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'string' && typeof parent === 'string' && parent.toLowerCase() === 'headers') return `header '${last}'`;
  return `field ${at}`;
}

/**
 * The finding's message: what was found, where, the secret masked, and what to do. The secret
 * itself never appears: only `maskSecret` of it and its length.
 */
export function secretMessage(match: SecretMatch, secret: string, where: string, advice: string): string {
  return `Hardcoded ${secretLabel(match.kind)} in ${where}: '${maskSecret(secret)}' (${secret.length} characters). ${advice}`;
}
