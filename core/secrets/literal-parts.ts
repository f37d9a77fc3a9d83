import { splitStringText } from '../expressions/string-value';

/** A run of literal text in a workflow string value, with its offset in the (JSON-decoded) value. */
export interface LiteralPart {
  text: string;
  offset: number;
}

/**
 * The literal text of a Workflow Definition Language string: what is left once expressions are
 * taken out, as the expression parser splits it (a value starting with '@' is one expression;
 * '@{...}' interpolations are cut out of text). Only literal text can be a hardcoded secret:
 * `@parameters('key')` is a reference. Parts are sliced from the value as written, so an '@@'
 * escape stays doubled and every offset is an offset of `value`.
 */
export function literalParts(value: string): LiteralPart[] {
  // Split as the parser splits it; the expressions themselves are not needed here.
  const parsed = splitStringText(value);
  if (parsed.kind === 'literal') return [{ text: value, offset: 0 }];
  if (parsed.kind === 'expression') return [];
  const parts: LiteralPart[] = [];
  for (const part of parsed.parts) {
    if (part.kind !== 'text') continue;
    const { offset, length } = part.span;
    parts.push({ text: value.slice(offset, offset + length), offset });
  }
  return parts;
}
