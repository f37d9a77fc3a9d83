/** A run of literal text in a workflow string value, with its offset in the (JSON-decoded) value. */
export interface LiteralPart {
  text: string;
  offset: number;
}

/**
 * The literal text of a Workflow Definition Language string: what is left once expressions are
 * taken out. A value starting with '@' (not '@@' or '@{') is one whole expression and has no
 * literal text; '@@' at the start escapes a literal '@'; elsewhere '@{...}' interpolations are
 * cut out. Only literal text can be a hardcoded secret: `@parameters('key')` is a reference.
 * An interpolation that never closes swallows the rest of the value, so a half-written
 * expression is never read as literal text.
 */
export function literalParts(value: string): LiteralPart[] {
  if (value.startsWith('@@')) return [{ text: value.slice(1), offset: 1 }];
  if (value.startsWith('@') && !value.startsWith('@{')) return [];
  const parts: LiteralPart[] = [];
  let start = 0;
  let i = value.indexOf('@{');
  while (i >= 0) {
    if (i > start) parts.push({ text: value.slice(start, i), offset: start });
    const close = interpolationEnd(value, i + 2);
    if (close < 0) return parts;
    start = close + 1;
    i = value.indexOf('@{', start);
  }
  if (start < value.length) parts.push({ text: value.slice(start), offset: start });
  return parts;
}

/** Index of the '}' that closes an interpolation whose body starts at `from`, or -1. */
function interpolationEnd(value: string, from: number): number {
  let depth = 0;
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    if (c === "'") {
      // A string literal: '' inside it is an escaped quote, and braces in it do not count.
      i++;
      while (i < value.length && !(value[i] === "'" && value[i + 1] !== "'")) i += value[i] === "'" ? 2 : 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
