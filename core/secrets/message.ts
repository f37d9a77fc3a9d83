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

/**
 * Where in a JSON value the secret sits: a header, a query parameter, a field;
 * undefined when it is the value itself.
 */
export function describeField(path: readonly (string | number)[], match: SecretMatch): string | undefined {
  const at = formatPath(path);
  const inValue = describeInValue(match);
  if (inValue) return at === '' ? inValue : `${inValue} in ${at}`;
  if (at === '') return undefined;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const container = typeof parent === 'string' ? parent.toLowerCase() : undefined;
  if (typeof last === 'string' && container === 'headers') return `header '${last}'`;
  if (typeof last === 'string' && container === 'queries') return `query parameter '${last}'`;
  return `field ${at}`;
}

/**
 * The finding's message: what was found, where, the secret masked, and what to do. The secret
 * itself never appears: only `maskSecret` of it and its length.
 */
export function secretMessage(match: SecretMatch, secret: string, where: string, detail: string | undefined, advice: string): string {
  const place = detail ? `${where}, ${detail}` : where;
  return `Hardcoded ${secretLabel(match.kind)} in ${place}: '${maskSecret(secret)}' (${secret.length} characters). ${advice}`;
}
