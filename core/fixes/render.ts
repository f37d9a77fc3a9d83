import type { CompactSeparators } from './json-style';

/** A JSON value the way pretty-printed exports write it, its inner lines starting with `base`. */
export function renderPretty(value: unknown, indent: string, eol: string, base: string): string {
  // JSON.stringify escapes line breaks inside strings, so every '\n' here is between members.
  return JSON.stringify(value, null, indent).split('\n').join(eol + base);
}

/** A JSON value on one line, with the file's own separators. */
export function renderCompact(value: unknown, separators: CompactSeparators): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderCompact(v, separators)).join(separators.comma)}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}${separators.colon}${renderCompact(v, separators)}`);
    return `{${members.join(separators.comma)}}`;
  }
  return JSON.stringify(value);
}
