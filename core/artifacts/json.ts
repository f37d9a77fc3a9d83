import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH } from '../limits';
import { buildJsonTree } from './json-tree';
import { ArtifactError, type SourceFile } from './source';

export type JsonNode = Node;

export interface JsonDocument {
  readonly source: SourceFile;
  readonly root: JsonNode;
}

export { MAX_JSON_DEPTH } from '../limits';

/**
 * Parses JSON into a jsonc-parser tree whose offsets index `source.text`. The first syntax error
 * is an ArtifactError at its position: exports are machine-written, so any error means a broken
 * or truncated file, and half a tree would give half the findings.
 */
export function parseJson(source: SourceFile): JsonDocument {
  // Strict JSON, nested within the limit, gets the same tree faster; anything else takes the path below.
  const strict = buildJsonTree(source.text, MAX_JSON_DEPTH);
  if (strict) return { source, root: strict };
  const depth = nestingDepthExceeds(source.text, MAX_JSON_DEPTH);
  if (depth !== undefined) {
    throw new ArtifactError(source.path, `JSON is nested deeper than ${MAX_JSON_DEPTH} levels; FlowGuard does not read it.`, { offset: depth, length: 1 }, source);
  }
  if (source.text.trim() === '') throw new ArtifactError(source.path, 'The file is empty; expected JSON.', { offset: 0, length: 0 }, source);
  const errors: ParseError[] = [];
  const root = parseTree(source.text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    throw new ArtifactError(source.path, `Invalid JSON: ${describe(printParseErrorCode(first.error))}.`, { offset: first.offset, length: first.length }, source);
  }
  if (!root) throw new ArtifactError(source.path, 'The file is empty; expected JSON.', { offset: 0, length: 0 }, source);
  return { source, root };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Offset of the first bracket past `limit` levels, or undefined; strings are jumped over whole. */
function nestingDepthExceeds(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = endOfString(text, i);
    } else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93 /* } ] */) {
      depth--;
    }
  }
  return undefined;
}

/** Index of the quote closing the string that opens at `open` (or the end of the text). */
function endOfString(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote > 0) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

// The helpers below run for every node of every flow, often before the JIT has optimised them:
// they loop by index, as for...of allocates an iterator per loop in unoptimised code.

/** The value node of property `key` of an object node. */
export function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const p = children[i] as JsonNode;
    const k = p.children?.[0];
    if (k && k.value === key) return p.children?.[1];
  }
  return undefined;
}

/** Like prop, but matching the key without regard to case (solution XML and JSON disagree on case). */
export function propIgnoreCase(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const wanted = key.toLowerCase();
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const p = children[i] as JsonNode;
    const k = p.children?.[0];
    if (k && typeof k.value === 'string' && k.value.toLowerCase() === wanted) return p.children?.[1];
  }
  return undefined;
}

/**
 * The node at `path` below `node`: each string a key of an object (the first property of that
 * name), each number an index of an array; what jsonc-parser's findNodeAtLocation finds, by
 * index loops. Its generic loop allocated an iterator per segment in code not yet optimised,
 * and this runs per step for several rules at each edit of an open flow.
 */
export function at(node: JsonNode | undefined, ...path: (string | number)[]): JsonNode | undefined {
  let current = node;
  for (let i = 0; i < path.length && current !== undefined; i++) {
    const segment = path[i] as string | number;
    if (typeof segment === 'string') {
      current = prop(current, segment);
    } else {
      const children = current.type === 'array' ? current.children : undefined;
      current = children !== undefined && segment >= 0 && segment < children.length ? children[segment] : undefined;
    }
  }
  return current;
}

/** Key/value pairs of an object node, in document order. */
export function entries(node: JsonNode | undefined): [key: JsonNode, value: JsonNode][] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: [JsonNode, JsonNode][] = [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const p = children[i] as JsonNode;
    const k = p.children?.[0];
    const v = p.children?.[1];
    if (k && v) out.push([k, v]);
  }
  return out;
}

export function items(node: JsonNode | undefined): JsonNode[] {
  return node && node.type === 'array' ? (node.children ?? []) : [];
}

export function str(node: JsonNode | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

/** The property node (key and value) that holds a value node, for pointing at `"name": {...}`. */
export function keyOf(valueNode: JsonNode): JsonNode | undefined {
  const parent = valueNode.parent;
  return parent && parent.type === 'property' ? parent.children?.[0] : undefined;
}
