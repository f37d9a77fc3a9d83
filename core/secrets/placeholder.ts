import { wordsOf } from './words';

/**
 * Shapes that stand for a value supplied later: pipeline token replacement (`#{x}#`, `__x__`,
 * `$(x)`, `${x}`, `{{x}}`), angle-bracket and brace hints (`<your-key>`, `{client secret}`),
 * masks (`***REPLACE***`, `xxxx`, `...`). Each is linear: a bounded or negated class per part.
 */
const STRUCTURAL: readonly RegExp[] = [
  /\$\{[^}]*\}/,
  /#\{[^}]*\}/,
  /\{\{[^}]*\}\}/,
  /\$\([A-Za-z_][\w.-]*\)/,
  /__[A-Za-z0-9][\w.-]*__/,
  /^%[A-Za-z_]\w*%$/,
  /<[^<>]*>/,
  /^\[[^\]]*\]$/,
  /^\{[^{}]*\}$/,
  /\*{3}/,
  /x{4}/i,
  // \u2026 is the ellipsis; written so, the bundle stays ASCII (see test/package/ascii-bundles.test.ts).
  /\.\.\.|\u2026/,
  /^(.)\1*$/s,
];

/**
 * Words that make up hint text ("your_api_key_here", "CHANGEME", "TODO", "<none>"). A value made
 * only of them is a hint, not a credential; one real-looking word (`Password123` has '123')
 * makes it a value again.
 */
const FILLER = new Set(
  ('your my the a an enter insert replace put paste add set change me with here this that real actual own valid new ' +
    'api app application client secret secrets key keys token tokens password passwd pwd pass passphrase value string ' +
    'text id access auth authorization bearer basic subscription account storage function functions code sas sig ' +
    'signature connection todo tbd fixme placeholder dummy sample example redacted removed hidden masked none null nil ' +
    'undefined empty na n not default test testing demo changeme changeit replaceme goes is of for to xxx x secure ' +
    'private personal credential credentials shared master generated random some foo bar baz qux configure configured ' +
    'provide provided required missing unknown')
    .split(' '),
);

/**
 * Longest value judged: hints are short, and the template patterns above may rescan the rest of
 * the value from each opening they meet, which only stays cheap on short values.
 */
const MAX_PLACEHOLDER_LENGTH = 1024;

/** True for a value that is empty or a hint for one: nothing to report. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (trimmed.length > MAX_PLACEHOLDER_LENGTH) return false;
  if (STRUCTURAL.some((re) => re.test(trimmed))) return true;
  const words = wordsOf(trimmed);
  return words.length > 0 && words.every((w) => FILLER.has(w));
}
