import { items, prop, type JsonDocument, type JsonNode } from '../artifacts/json';
import { rangeOf } from '../artifacts/source';
import type { TextEdit } from '../findings';
import type { Span } from '../text/range';
import { breaksBetween, compactSeparators, detectStyle, lineIndentAt } from './json-style';
import { renderCompact, renderPretty } from './render';

export type JsonPath = (string | number)[];

export function replaceSpan(doc: JsonDocument, span: Span, newText: string): TextEdit {
  return { file: doc.source.path, range: rangeOf(doc.source, span), newText };
}

/**
 * Appends a member (a property when `key` is given, else an array item) to an object or array.
 * Expanded containers get it on a line of its own at their members' indentation; one-line
 * containers (and every container of a minified file) get it on the same line.
 */
function appendMember(doc: JsonDocument, container: JsonNode, key: string | undefined, value: unknown): TextEdit {
  const text = doc.source.text;
  const style = detectStyle(text);
  const members = container.children ?? [];
  const first = members[0];
  const last = members[members.length - 1];
  const open = container.offset + 1;
  const close = container.offset + container.length - 1;
  const expanded = style.indent !== undefined && (first ? breaksBetween(text, open, first.offset) : true);
  if (expanded && style.indent !== undefined) {
    const outer = lineIndentAt(text, container.offset);
    const inner = first ? lineIndentAt(text, first.offset) : outer + style.indent;
    const member = (key === undefined ? '' : `${JSON.stringify(key)}: `) + renderPretty(value, style.indent, style.eol, inner);
    if (last) return replaceSpan(doc, { offset: last.offset + last.length, length: 0 }, `,${style.eol}${inner}${member}`);
    return replaceSpan(doc, { offset: open, length: close - open }, `${style.eol}${inner}${member}${style.eol}${outer}`);
  }
  const separators = compactSeparators(text, container, doc.root);
  const member = (key === undefined ? '' : `${JSON.stringify(key)}${separators.colon}`) + renderCompact(value, separators);
  if (last) return replaceSpan(doc, { offset: last.offset + last.length, length: 0 }, `${separators.comma}${member}`);
  return replaceSpan(doc, { offset: open, length: close - open }, member);
}

/** Replaces a value where it stands, laid out for the line it starts on. */
function replaceValue(doc: JsonDocument, node: JsonNode, value: unknown): TextEdit {
  const text = doc.source.text;
  const style = detectStyle(text);
  const rendered =
    style.indent !== undefined
      ? renderPretty(value, style.indent, style.eol, lineIndentAt(text, node.offset))
      : renderCompact(value, compactSeparators(text, containerOf(node) ?? doc.root, doc.root));
  return replaceSpan(doc, { offset: node.offset, length: node.length }, rendered);
}

function containerOf(node: JsonNode): JsonNode | undefined {
  return node.parent?.type === 'property' ? node.parent.parent : node.parent;
}

function child(node: JsonNode, segment: string | number): JsonNode | undefined {
  return typeof segment === 'number' ? items(node)[segment] : prop(node, segment);
}

/**
 * Sets the value at `path` below `base` (the document's root unless given): replaces it when it
 * exists, else adds the missing properties from the deepest one that does. A number segment
 * names an existing array item; past the end of an array it appends. No edits when a value of
 * another type stands where the path goes on.
 */
export function setProperty(doc: JsonDocument, path: JsonPath, value: unknown, base: JsonNode = doc.root): TextEdit[] {
  let node = base;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const next = child(node, path[depth] as string | number);
    if (!next) break;
    node = next;
  }
  if (depth === path.length) return [replaceValue(doc, node, value)];
  let wrapped = value;
  for (let i = path.length - 1; i > depth; i--) {
    const segment = path[i];
    wrapped = typeof segment === 'number' ? [wrapped] : { [segment as string]: wrapped };
  }
  const segment = path[depth];
  if (typeof segment === 'string' && node.type === 'object') return [appendMember(doc, node, segment, wrapped)];
  if (typeof segment === 'number' && node.type === 'array') return [appendMember(doc, node, undefined, wrapped)];
  // Something of another type is in the way (a string where an object belongs): no edit fits.
  return [];
}

/** Adds a property at the end of an object; the caller makes sure the key is not there yet. */
export function insertProperty(doc: JsonDocument, object: JsonNode, key: string, value: unknown): TextEdit[] {
  if (object.type !== 'object') throw new Error(`Cannot add property '${key}' to a ${object.type}.`);
  return [appendMember(doc, object, key, value)];
}

/** Adds an item at the end of an array. */
export function addArrayItem(doc: JsonDocument, array: JsonNode, value: unknown): TextEdit[] {
  if (array.type !== 'array') throw new Error(`Cannot add an item to a ${array.type}.`);
  return [appendMember(doc, array, undefined, value)];
}
