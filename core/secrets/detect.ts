import { findConnectionStringSecrets } from './connection-string';
import type { CredentialName } from './credential-name';
import { findEmbeddedPairs } from './embedded-pairs';
import { findKnownShapes } from './known-shapes';
import type { SecretKind, SecretMatch } from './kinds';
import { literalParts } from './literal-parts';
import { isPlausibleSecret } from './plausible';
import { withoutScheme } from './scheme';
import { findUrlSecrets } from './url-secrets';
import { ownString } from '../text/own-string';

/** What the place a value sits in says about it. */
export interface ValueRole {
  /** The field holds nothing but a credential of this kind (inputs.authentication.password). */
  fixed?: SecretKind;
  /** The field, header, parameter or variable is named like a credential. */
  name?: CredentialName;
  /** The value may start with an auth scheme ('Bearer ', 'Basic ') that is not part of the secret. */
  scheme?: boolean;
}

// Values with no role that were found to hold no secret. Without a role, what findSecrets finds
// depends on the value alone, and the same values come back again and again: connector ids,
// operation ids, hosts, expressions repeated from step to step and from flow to flow, and every
// value of a flow the language server lints again at each edit. Measured (medians of three): the
// secret scan of the steps of the generated 1 MB flow (1,601 actions) 10.3 -> 3.2 ms an edit, of
// ../shared/corpus's in a first pass 129 -> 104 ms. Bounded, and each kept value copied so that
// it keeps no file text alive (core/text/own-string.ts).
const CLEAN = new Set<string>();
const CLEAN_MAX_VALUES = 50_000;
const CLEAN_MAX_CHARS = 2_000_000;
/** Longer values are rarely repeated, and would fill the set fast. */
const CLEAN_MAX_LENGTH = 2_000;
let cleanChars = 0;

function remember(value: string): void {
  if (value.length > CLEAN_MAX_LENGTH) return;
  if (CLEAN.size >= CLEAN_MAX_VALUES || cleanChars + value.length > CLEAN_MAX_CHARS) {
    CLEAN.clear();
    cleanChars = 0;
  }
  CLEAN.add(ownString(value));
  cleanChars += value.length;
}

/** Strings shorter than this hold no token of a known shape and no query string worth reading. */
const MIN_TEXT_SCAN = 8;

/** Secrets found in literal text wherever it sits, most specific finders first. */
function findInText(text: string): SecretMatch[][] {
  if (text.length < MIN_TEXT_SCAN) return [];
  return [findKnownShapes(text), findUrlSecrets(text).concat(findConnectionStringSecrets(text)), findEmbeddedPairs(text)];
}

/** The literal text as a whole, judged by the field it sits in. */
function findWhole(text: string, role: ValueRole): SecretMatch[] {
  let by: CredentialName | 'fixed' | undefined = role.fixed ? 'fixed' : role.name;
  const kind = role.fixed ?? role.name?.kind;
  if (!by || !kind) return [];
  const trimmed = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const start = role.scheme ? withoutScheme(text, trimmed, end) : trimmed;
  // An Authorization-named field without a scheme may be anything ('Approved'): only a token counts.
  if (role.scheme && start === trimmed && by !== 'fixed') by = { strength: 'generic', kind };
  if (start >= end || !isPlausibleSecret(text.slice(start, end), by)) return [];
  return [{ kind, start, end }];
}

/** Keeps the first of overlapping matches: groups come most specific first. */
function firstOfOverlapping(groups: SecretMatch[][]): SecretMatch[] {
  const kept: SecretMatch[] = [];
  for (const group of groups) {
    for (const m of group) {
      if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Secrets anywhere in free text (a message, a name), expressions included: what `redactText` masks. */
export function findSecretsInText(text: string): SecretMatch[] {
  return firstOfOverlapping(findInText(text));
}

/**
 * The secrets in one string value of a flow or a settings file, as offsets into the value.
 * Expressions are never read: only the literal parts of the value can be hardcoded secrets.
 */
export function findSecrets(value: string, role: ValueRole = {}): SecretMatch[] {
  // Only a credential field judges its value whole; without one, the value alone decides (CLEAN).
  const roleless = !role.fixed && !role.name;
  // Most values of a flow are short words ('Succeeded', 'POST'): no part of them is long enough to
  // scan, and only a credential field judges its value whole.
  if (value.length < MIN_TEXT_SCAN && roleless) return [];
  if (roleless && CLEAN.has(value)) return [];
  const found: SecretMatch[] = [];
  // A value without '@' is one literal part, the whole of it (literalParts would say so too).
  if (value.indexOf('@') < 0) addFromPart(found, value, 0, role);
  else for (const part of literalParts(value)) addFromPart(found, part.text, part.offset, role);
  if (roleless && found.length === 0) remember(value);
  return found;
}

/** The secrets of one literal part, moved to offsets of the value; nothing is allocated for a part without any. */
function addFromPart(found: SecretMatch[], text: string, offset: number, role: ValueRole): void {
  const groups = findInText(text);
  const whole = findWhole(text, role);
  if (whole.length > 0) groups.push(whole);
  let any = false;
  for (let i = 0; i < groups.length && !any; i++) any = (groups[i] as SecretMatch[]).length > 0;
  if (!any) return;
  for (const m of firstOfOverlapping(groups)) found.push({ ...m, start: m.start + offset, end: m.end + offset });
}
