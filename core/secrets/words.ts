/**
 * The words of an identifier or a value, lower-cased: split at anything not a letter or digit,
 * at lower-to-upper case changes (`clientSecret`), before the last capital of a capital run
 * (`APIKey`), and between letters and digits (`Key2`).
 */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
