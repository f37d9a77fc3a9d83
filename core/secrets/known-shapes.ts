import type { SecretMatch } from './kinds';
import { SECRET_PATTERNS, type SecretPattern } from './patterns';
import { isPlaceholder } from './placeholder';

/** Where the secret of one regex match sits: its `secret` group if it has one, else the whole match. */
function secretRange(pattern: SecretPattern, text: string, m: RegExpMatchArray): [number, number] | undefined {
  const whole = m.index ?? 0;
  const group = m.indices?.groups?.['secret'];
  const [start, end] = group ?? [whole, whole + m[0].length];
  if (!pattern.extend) return [start, end];
  const extended = pattern.extend(text, end);
  return extended === undefined ? undefined : [start, extended];
}

/** Any anchor of any pattern, case aside: one test that spares most strings the pattern-by-pattern look. */
const ANY_ANCHOR = new RegExp(SECRET_PATTERNS.flatMap((p) => p.anchors ?? []).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

/** The shortest text a pattern without anchors can match. */
const UNANCHORED_MIN_LENGTH = Math.min(...SECRET_PATTERNS.filter((p) => !p.anchors).map((p) => p.minLength));

/** Every token in `text` that one of SECRET_PATTERNS recognises, placeholders left out. */
export function findKnownShapes(text: string): SecretMatch[] {
  // Every match holds one of its pattern's anchors (ASCII, so a case-blind test finds it), and
  // the patterns without anchors need a long text: a text that fails both holds no known token.
  if (text.length < UNANCHORED_MIN_LENGTH && !ANY_ANCHOR.test(text)) return [];
  const found: SecretMatch[] = [];
  const lower = text.toLowerCase();
  // By index: for...of allocates an iterator result per pattern in code the JIT has not optimised yet.
  for (let p = 0; p < SECRET_PATTERNS.length; p++) {
    const pattern = SECRET_PATTERNS[p] as (typeof SECRET_PATTERNS)[number];
    if (text.length < pattern.minLength || (pattern.anchors && !pattern.anchors.some((a) => lower.includes(a)))) continue;
    for (const m of text.matchAll(pattern.regex)) {
      const range = secretRange(pattern, text, m);
      if (!range) continue;
      const secret = text.slice(range[0], range[1]);
      if (isPlaceholder(secret) || (pattern.accept && !pattern.accept(secret))) continue;
      found.push({ kind: pattern.kind, start: range[0], end: range[1] });
    }
  }
  return found;
}
