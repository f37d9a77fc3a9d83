/**
 * The host a literal URL reaches, read as the platform's HTTP client reads it (the WHATWG URL
 * parser): the host follows the last '@' of the authority, so `https://trusted.contoso.com@evil.example/`
 * goes to evil.example and `https://svc:pw@files.example.net/` to files.example.net.
 *
 * A trust decision must not rest on a guess, so a URL that parsers read differently, or that
 * WHATWG only reads after silently repairing it, is `unclear`: a backslash ending the authority
 * (WHATWG reads it as '/', RFC 3986 parsers as part of the user info), several '@', a
 * percent-encoded host, white space or control characters in the authority.
 */
export type UrlHost =
  | { kind: 'host'; host: string; userinfo: boolean }
  | { kind: 'runtime' }
  | { kind: 'unclear'; reason: string };

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** Where WHATWG ends the authority of a special (http, https, ws, wss, ftp) URL. */
const AUTHORITY_END = /[/?#\\]/;
/** Characters WHATWG strips or rejects without saying so; another client may not. */
const SILENTLY_REPAIRED = /[\s\u0000-\u001f\u007f-\u009f]/;

function isExpression(text: string): boolean {
  return text.startsWith('@') && !text.startsWith('@@');
}

/** Start and end of the authority (after `scheme://`), or undefined when `text` has no scheme. */
export function authorityBounds(text: string): { start: number; end: number } | undefined {
  const scheme = SCHEME.exec(text);
  if (!scheme) return undefined;
  const start = scheme[0].length;
  const rest = AUTHORITY_END.exec(text.slice(start));
  return { start, end: rest ? start + rest.index : text.length };
}

export function urlHost(url: string): UrlHost {
  const text = url.trim();
  if (isExpression(text)) return { kind: 'runtime' };
  const bounds = authorityBounds(text);
  if (!bounds) return { kind: 'unclear', reason: 'it is not an absolute URL' };
  const authority = text.slice(bounds.start, bounds.end);
  const expression = text.indexOf('@{');
  if (expression >= 0 && expression < bounds.end) return { kind: 'runtime' };
  if (text[bounds.end] === '\\') return { kind: 'unclear', reason: 'a backslash ends its host' };
  if (SILENTLY_REPAIRED.test(authority)) return { kind: 'unclear', reason: 'its host part holds spaces or control characters' };
  const at = authority.lastIndexOf('@');
  if (authority.indexOf('@') !== at) return { kind: 'unclear', reason: "its host part holds several '@'" };
  if (authority.slice(at + 1).includes('%')) return { kind: 'unclear', reason: 'its host is percent-encoded' };
  let parsed: URL;
  try {
    parsed = new URL(text.slice(0, bounds.end));
  } catch {
    return { kind: 'unclear', reason: 'its host cannot be parsed' };
  }
  if (parsed.hostname === '') return { kind: 'unclear', reason: 'it names no host' };
  return { kind: 'host', host: parsed.hostname.toLowerCase(), userinfo: at >= 0 };
}

/** The URL without its user info (`https://a:b@host/x` -> `https://host/x`); undefined when it has none. */
export function withoutUserinfo(url: string): string | undefined {
  const bounds = authorityBounds(url);
  if (!bounds) return undefined;
  const at = url.lastIndexOf('@', bounds.end - 1);
  if (at < bounds.start) return undefined;
  return url.slice(0, bounds.start) + url.slice(at + 1);
}
