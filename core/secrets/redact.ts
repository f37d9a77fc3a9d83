import { ownString } from '../text/own-string';
import { authorityBounds } from '../text/url-host';
import { findSecretsInText } from './detect';
import { looksRandom } from './entropy';
import { maskSecret } from './mask';
import { queryParameterRole } from './url-secrets';

// Every text FlowGuard prints that quotes the linted files (messages, names, hovers, titles) goes
// through `redactText`: a request URL carries its credentials (`?code=`, `&sig=`, `user:pass@`)
// and an action may be named after a token. What is masked keeps the style of maskSecret, so a
// reader still tells which value is meant, and masking twice changes nothing.

/** Query and fragment parameters that hold a credential whatever their value looks like. */
const CREDENTIAL_PARAMETERS: ReadonlySet<string> = new Set([
  'sig', 'signature', 'code', 'key', 'apikey', 'api_key', 'api-key', 'x-api-key', 'subscription-key',
  'x-functions-key', 'token', 'access_token', 'id_token', 'refresh_token', 'auth', 'client_secret',
  'client_assertion', 'assertion', 'password', 'passwd', 'pwd', 'secret', 'sas', 'private_token', 'jwt',
]);

/** A URL inside prose: up to white space or a quote, which messages put around names. */
const URL_IN_TEXT = /\b[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/[^\s"'<>`]+/g;
/** Sentence punctuation after a URL belongs to the sentence. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;
/** `name=value` after the first '?' or '#'; ';' separates pairs too in some servers. */
const PARAMETER = /([?&;#])([^=&;#?]*)=([^&;#]*)/g;
/** What maskSecret returns: masking it again must leave it as it is. */
// \u2026: the ellipsis maskSecret ends with, escaped so that the bundle stays ASCII.
const MASKED = /^[^\u2026]{0,4}\u2026$/u;

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function isCredentialParameter(rawName: string): boolean {
  const name = decoded(rawName).trim();
  return CREDENTIAL_PARAMETERS.has(name.toLowerCase()) || queryParameterRole(name) !== undefined;
}

/** Expressions are not secrets, and a mask is already masked. */
function maskValue(value: string): string {
  if (value === '' || MASKED.test(value) || value.includes('@{')) return value;
  return maskSecret(value);
}

/** `user:password` loses the password; a lone user name that looks like a token (`https://<token>@host`) is masked. */
function redactUserinfo(authority: string): string {
  const at = authority.lastIndexOf('@');
  if (at < 0) return authority;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const masked = colon >= 0 ? `${userinfo.slice(0, colon + 1)}${maskValue(userinfo.slice(colon + 1))}` : looksRandom(decoded(userinfo)) ? maskValue(userinfo) : userinfo;
  return masked + authority.slice(at);
}

/**
 * A URL fit to quote: the password of its user info and the values of credential parameters
 * (sig, code, key, api_key, token, client_secret, ...) masked, in the query and the fragment
 * alike; everything else (host, path, SAS parts such as sv, se, sp) as written.
 */
export function redactUrl(url: string): string {
  const bounds = authorityBounds(url);
  if (!bounds) return url;
  const head = url.slice(0, bounds.start) + redactUserinfo(url.slice(bounds.start, bounds.end));
  const rest = url.slice(bounds.end);
  const query = rest.search(/[?#]/);
  if (query < 0) return head + rest;
  const parameters = rest.slice(query).replace(PARAMETER, (pair, separator: string, name: string, value: string) =>
    isCredentialParameter(name) ? `${separator}${name}=${maskValue(value)}` : pair,
  );
  return head + rest.slice(0, query) + parameters;
}

/**
 * Free text fit to print: every URL in it as redactUrl leaves it, then everything the secret
 * detectors recognise (known token shapes, connection string keys, credential pairs) masked.
 * Text without a secret comes back unchanged; redacting redacted text changes nothing.
 */
export function redactText(text: string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const redacted = redact(text);
  // The text may be a view into a flow's file (a name cut from it, a message quoting one): the
  // memo and what is returned, which findings keep past the flow, hold their own copies.
  const out = ownString(redacted);
  // Bounded: the language server lives for hours; a cleared memo only costs a recomputation.
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(redacted === text ? out : ownString(text), out);
  return out;
}

/** Names, flow titles and related messages repeat across findings: each is redacted once. */
const memo = new Map<string, string>();
const MEMO_SIZE = 4096;

function redact(text: string): string {
  const urls = text.includes('://')
    ? text.replace(URL_IN_TEXT, (url) => {
        const trail = TRAILING_PUNCTUATION.exec(url)?.[0] ?? '';
        return redactUrl(url.slice(0, url.length - trail.length)) + trail;
      })
    : text;
  const found = findSecretsInText(urls);
  if (found.length === 0) return urls;
  let out = '';
  let last = 0;
  for (const m of found) {
    out += urls.slice(last, m.start) + maskValue(urls.slice(m.start, m.end));
    last = m.end;
  }
  return out + urls.slice(last);
}
