import { MAX_GLOB_ALTERNATIVES, MAX_GLOB_LENGTH } from '../limits';

/**
 * Globs as flowguard.json writes them (`archive/**`, `**\/*.bak.json`, `Workflows/{Old,Draft}*`),
 * matched without regular expressions. A glob compiled to a RegExp (as picomatch does) backtracks
 * polynomially on `*a*a*a*b` against a long name, and the workspace, flowguard.json included, may
 * come from anyone (VS Code's untrusted mode). Here one segment is matched by the two-pointer walk
 * (time: pattern length times name length at worst) and segments by a table over the path, so no
 * glob can hang a run. Supported: `*`, `**` as a whole segment, `?`, `[...]` with `!`/`^` and
 * ranges, `{a,b}` (nested too), `\` escapes, and a leading `!` to negate.
 */
export type GlobMatcher = (path: string) => boolean;

export class GlobError extends Error {}

type Token = { t: 'lit'; c: string } | { t: 'any' } | { t: 'star' } | { t: 'class'; negate: boolean; ranges: [string, string][] };
type Segment = 'globstar' | Token[];

export interface GlobOptions {
  /** Whether `*`, `?` and `**` match names that start with a dot. */
  dot: boolean;
}

/** Why `pattern` cannot be used as a glob, or undefined; the message names the limit. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return `the glob is ${pattern.length} characters long; FlowGuard reads globs of at most ${MAX_GLOB_LENGTH} characters`;
  try {
    expandBraces(pattern);
  } catch (error) {
    if (error instanceof GlobError) return error.message;
    throw error;
  }
  return undefined;
}

export function compileGlob(pattern: string, options: GlobOptions): GlobMatcher {
  const problem = globProblem(pattern);
  if (problem) throw new GlobError(problem);
  const negate = pattern.startsWith('!') && !pattern.startsWith('!(');
  const body = (negate ? pattern.slice(1) : pattern).replace(/^(\.\/)+/, '');
  const alternatives = expandBraces(body).map(compileSegments);
  return (path) => {
    const parts = path.split('/');
    const hit = alternatives.some((segments) => matchPath(segments, parts, options.dot));
    return negate ? !hit : hit;
  };
}

/** A matcher for a list of globs: true when any matches, as picomatch([...]) answers. */
export function compileGlobs(patterns: readonly string[], options: GlobOptions): GlobMatcher {
  const matchers = patterns.map((p) => compileGlob(p, options));
  return (path) => matchers.some((m) => m(path));
}

function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  expandInto(pattern, out);
  return out;
}

function expandInto(pattern: string, out: string[]): void {
  const open = unescapedIndex(pattern, '{', 0);
  const close = open < 0 ? -1 : matchingBrace(pattern, open);
  if (close < 0) {
    out.push(pattern);
  } else {
    const parts = splitTopLevel(pattern.slice(open + 1, close));
    const prefix = pattern.slice(0, open);
    const suffix = pattern.slice(close + 1);
    if (parts.length === 1) {
      // `{x}` without a comma is literal text, as in picomatch; expand what follows it.
      const rest: string[] = [];
      expandInto(suffix, rest);
      for (const r of rest) push(out, `${prefix}{${parts[0]}}${r}`);
    } else {
      for (const part of parts) expandInto(`${prefix}${part}${suffix}`, out);
    }
  }
  if (out.length > MAX_GLOB_ALTERNATIVES) throw new GlobError(`the glob's braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives; FlowGuard reads at most ${MAX_GLOB_ALTERNATIVES}`);
}

function push(out: string[], value: string): void {
  out.push(value);
  if (out.length > MAX_GLOB_ALTERNATIVES) throw new GlobError(`the glob's braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives; FlowGuard reads at most ${MAX_GLOB_ALTERNATIVES}`);
}

function unescapedIndex(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function compileSegments(pattern: string): Segment[] {
  return pattern.split('/').map((segment) => (segment === '**' ? 'globstar' : tokenize(segment)));
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) {
      tokens.push({ t: 'lit', c: segment[++i]! });
    } else if (c === '*') {
      if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' });
    } else if (c === '?') {
      tokens.push({ t: 'any' });
    } else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) tokens.push({ t: 'lit', c });
      else {
        tokens.push(charClass(segment.slice(i + 1, end)));
        i = end;
      }
    } else {
      tokens.push({ t: 'lit', c });
    }
  }
  return tokens;
}

function charClass(body: string): Token {
  const negate = body.startsWith('!') || body.startsWith('^');
  const chars = negate ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  for (let i = 0; i < chars.length; i++) {
    const lo = chars[i]!;
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      ranges.push([lo, chars[i + 2]!]);
      i += 2;
    } else {
      ranges.push([lo, lo]);
    }
  }
  return { t: 'class', negate, ranges };
}

function matchesOne(token: Token, c: string): boolean {
  if (token.t === 'lit') return token.c === c;
  if (token.t === 'any') return true;
  if (token.t === 'class') return token.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== token.negate;
  return false;
}

/** One segment: `*` is any run of characters, the rest one character each (two-pointer walk, no backtracking stack). */
function matchSegment(tokens: Token[], text: string, dot: boolean): boolean {
  if (!dot && text.startsWith('.')) {
    const first = tokens[0];
    if (!first || first.t !== 'lit' || first.c !== '.') return false;
  }
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < text.length) {
    const token = tokens[pi];
    if (token?.t === 'star') {
      starAt = pi++;
      resumeAt = ti;
    } else if (token && matchesOne(token, text[ti]!)) {
      pi++;
      ti++;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      ti = ++resumeAt;
    } else {
      return false;
    }
  }
  while (tokens[pi]?.t === 'star') pi++;
  return pi === tokens.length;
}

/** Segments against path parts: reach[j] says the pattern so far can end just before part j. */
function matchPath(segments: Segment[], parts: string[], dot: boolean): boolean {
  let reach = new Array<boolean>(parts.length + 1).fill(false);
  reach[0] = true;
  for (const segment of segments) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    if (segment === 'globstar') {
      let running = false;
      for (let j = 0; j <= parts.length; j++) {
        if (reach[j]) running = true;
        next[j] = running;
        const part = parts[j];
        if (part !== undefined && !dot && part.startsWith('.')) running = false;
      }
    } else {
      for (let j = 0; j < parts.length; j++) if (reach[j] && matchSegment(segment, parts[j]!, dot)) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[parts.length] === true;
}
