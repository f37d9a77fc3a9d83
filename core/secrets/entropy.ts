/** Shannon entropy of the characters of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Shortest value a generic name (`key`, `token`, `code`) is judged by: shorter ones are ids and codes. */
export const RANDOM_MIN_LENGTH = 16;
/**
 * Bits per character a random-looking value reaches. Hex keys draw on 16 symbols, so 32 random
 * hex characters average about 3.8 bits and 16 about 3.5; base64 and base62 keys average about
 * 3.8 at 16 characters and over 4.5 at 40. Words, paths and ids stay well below both.
 */
export const HEX_MIN_ENTROPY = 3.0;
export const TOKEN_MIN_ENTROPY = 3.5;
/**
 * How much of a value may be made of words before it reads as a name rather than a key:
 * - runs of four or more lower-case letters (`api/data/v9.0/solutions`, `shared_office365_2`):
 *   at most 40%; random base62 of 32 characters stays under 38% in 99 cases of 100;
 * - word-like runs, a lower-case run of two or more letters capitalised or not
 *   (`AppSessionsLast30Days` 90%, `V4CalendarPostItem` 89%): under 70%; random base62 of 32
 *   characters stays under 69% in 99 cases of 100.
 */
export const MAX_LOWER_RUN_SHARE = 0.4;
export const MAX_WORD_SHARE = 0.7;

const TOKEN_ALPHABET = /^[A-Za-z0-9+/=_.~%-]+$/;
const HEX = /^[0-9a-fA-F]+$/;
const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

function shareOf(text: string, runs: RegExp): number {
  let covered = 0;
  for (const run of text.matchAll(runs)) covered += run[0].length;
  return covered / text.length;
}

function readsAsWords(text: string): boolean {
  return shareOf(text, /[a-z]{4,}/g) > MAX_LOWER_RUN_SHARE || shareOf(text, /[A-Z]?[a-z]{2,}/g) >= MAX_WORD_SHARE;
}

/**
 * True for a value that looks machine-generated: long enough, one token of key characters,
 * letters and digits mixed, high entropy, few word-like runs. GUIDs are ids here (connection,
 * tenant and client ids all are); names that say "password" or "secret" need no such test.
 */
export function looksRandom(text: string): boolean {
  if (text.length < RANDOM_MIN_LENGTH || text.length > 4096) return false;
  if (!TOKEN_ALPHABET.test(text) || isGuid(text)) return false;
  if (!/[0-9]/.test(text) || !/[A-Za-z]/.test(text)) return false;
  const minimum = HEX.test(text) ? HEX_MIN_ENTROPY : TOKEN_MIN_ENTROPY;
  return shannonEntropy(text) >= minimum && !readsAsWords(text);
}
