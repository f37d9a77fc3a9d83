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
 * Share of neighbouring characters that change class (upper, lower, digit, symbol). Random
 * base62 changes class about 60% of the time and random hex about 47%; identifiers made of
 * words (`Column2ForSalesData`) stay near 30% or below.
 */
export const MIN_CLASS_CHANGES = 0.3;

const TOKEN_ALPHABET = /^[A-Za-z0-9+/=_.~%-]+$/;
const HEX = /^[0-9a-fA-F]+$/;
const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

function charClass(code: number): number {
  if (code >= 65 && code <= 90) return 0;
  if (code >= 97 && code <= 122) return 1;
  if (code >= 48 && code <= 57) return 2;
  return 3;
}

function classChangeRatio(text: string): number {
  let changes = 0;
  for (let i = 1; i < text.length; i++) {
    if (charClass(text.charCodeAt(i)) !== charClass(text.charCodeAt(i - 1))) changes++;
  }
  return changes / (text.length - 1);
}

/**
 * True for a value that looks machine-generated: long enough, one token of key characters,
 * letters and digits mixed, with high entropy. GUIDs are ids here (connection, tenant and client
 * ids all are); names that say "password" or "secret" do not need this test at all.
 */
export function looksRandom(text: string): boolean {
  if (text.length < RANDOM_MIN_LENGTH || text.length > 4096) return false;
  if (!TOKEN_ALPHABET.test(text) || isGuid(text)) return false;
  if (!/[0-9]/.test(text) || !/[A-Za-z]/.test(text)) return false;
  const minimum = HEX.test(text) ? HEX_MIN_ENTROPY : TOKEN_MIN_ENTROPY;
  return shannonEntropy(text) >= minimum && classChangeRatio(text) >= MIN_CLASS_CHANGES;
}
