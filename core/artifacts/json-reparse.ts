import type { JsonDocument, JsonNode } from './json';
import { buildJsonValue } from './json-tree';
import { MAX_JSON_DEPTH } from '../limits';
import type { SourceFile } from './source';

// An edit in the editor changes a few characters of a flow that may be a megabyte long, and the
// language server parsed all of it again at each one: a new tree of every node, which also made
// most of the garbage its collector then copied. Here the tree of the last version is kept, and
// only the smallest value whose text the edit falls inside is built again, from the new text; the
// nodes after it move by the edit's length. The text outside that value is the same, and a
// JSON value is delimited by its own first and last characters, so the tree is the one a parse of
// the whole new text gives (test/unit/json/json-reparse.test.ts holds the two to the same trees).
//
// The last version's tree is changed in place: its document must not be read again. The language
// server's DocumentFlows, which owns both, takes care of that (server/document-flows.ts).

/** Whole chunks of this many characters are compared at once (a substring compare is native). */
const CHUNK = 4096;

/** How many characters `a` and `b` have in common at their start. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let at = 0;
  while (at + CHUNK <= max && a.substring(at, at + CHUNK) === b.substring(at, at + CHUNK)) at += CHUNK;
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** How many characters `a` and `b` have in common at their end, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.substring(a.length - n - CHUNK, a.length - n) === b.substring(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** The value node deepest in the tree whose text strictly holds [from, to) (its first and last characters outside it), and how many containers hold it. */
function enclosing(root: JsonNode, from: number, to: number): { node: JsonNode; depth: number } | undefined {
  const inside = (n: JsonNode): boolean => n.offset < from && to < n.offset + n.length;
  if (!inside(root)) return undefined;
  let node = root;
  let depth = 0;
  for (;;) {
    const children = node.children;
    if ((node.type !== 'object' && node.type !== 'array') || !children) return { node, depth };
    const child = childHolding(children, from);
    // An object's child is a property: the edit must be inside its value, not its key or colon.
    const value = child && node.type === 'object' ? child.children?.[1] : child;
    if (!value || !inside(value)) return { node, depth };
    node = value;
    depth++;
  }
}

/** The child whose span starts at or before `offset`, the last of them (children are in text order). */
function childHolding(children: readonly JsonNode[], offset: number): JsonNode | undefined {
  let low = 0;
  let high = children.length - 1;
  let found: JsonNode | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid] as JsonNode;
    if (child.offset <= offset) {
      found = child;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

type Mutable = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/** Moves every node of the subtree by `delta` characters (recursion is bounded by MAX_JSON_DEPTH). */
function shiftSubtree(node: Mutable, delta: number): void {
  node.offset += delta;
  if (node.colonOffset !== undefined) node.colonOffset += delta;
  const children = node.children;
  if (children) for (let i = 0; i < children.length; i++) shiftSubtree(children[i] as Mutable, delta);
}

// Which nodes an edit went through: the holders of each value built again. A node no edit went
// through since an analysis read it still holds what it held then (moved, perhaps, but its own
// text the same), so an analysis of it that keeps no offsets can be kept across edits
// (core/analysis/step-secrets.ts). Only trees this module changed have such nodes.
let revision = 0;
const changedAt = new WeakMap<JsonNode, number>();

// Trees kept from version to version: only their nodes are worth keeping analyses by (a tree
// parsed for one lint dies with it, and an entry per step in a WeakMap of such trees made the
// CLI's collections slower: 1.0 -> 1.3 s of CPU over the corpus).
const keptTrees = new WeakSet<JsonNode>();

/** Marks a document's tree as one the next version will be reparsed from (server/document-flows.ts). */
export function keepAcrossEdits(doc: JsonDocument): void {
  keptTrees.add(doc.root);
}

/** Whether `node` belongs to a tree kept across edits: analyses of it may be kept too (unchangedSince). */
export function keptAcrossEdits(node: JsonNode): boolean {
  let root = node;
  while (root.parent) root = root.parent;
  return keptTrees.has(root);
}

/** A count of the edits made so far: an analysis notes it, to ask unchangedSince later. */
export function editRevision(): number {
  return revision;
}

/** Whether no edit went through `node` (its own text unchanged) after revision `since`. */
export function unchangedSince(node: JsonNode, since: number): boolean {
  return (changedAt.get(node) ?? 0) <= since;
}

/** Puts `rebuilt` where `old` was, then moves what follows it and stretches what holds it by `delta`. */
function splice(old: JsonNode, rebuilt: JsonNode, delta: number): void {
  const parent = old.parent as Mutable;
  const siblings = parent.children as JsonNode[];
  const at = siblings.indexOf(old);
  siblings[at] = rebuilt;
  revision++;
  for (let holder: JsonNode | undefined = parent; holder; holder = holder.parent) changedAt.set(holder, revision);
  if (delta === 0) return;
  // Up from the edited value: each holder grows, and what follows the path in it moves.
  let child: JsonNode = rebuilt;
  for (let holder = parent as Mutable | undefined; holder; child = holder, holder = holder.parent as Mutable | undefined) {
    holder.length += delta;
    const children = holder.children as JsonNode[];
    const index = children.indexOf(child);
    for (let i = index + 1; i < children.length; i++) shiftSubtree(children[i] as Mutable, delta);
  }
}

/**
 * The document of `source`, the next version of `previous`'s text, made by building again only
 * the value the change falls inside; undefined when that is not possible (no change, one that
 * reaches the top value's own brackets, or a value no longer strict JSON): the caller then parses
 * the whole text, which also words any error. `previous`'s tree becomes the new document's.
 */
export function reparseJson(previous: JsonDocument, source: SourceFile): JsonDocument | undefined {
  const before = previous.source.text;
  const after = source.text;
  const from = commonPrefix(before, after);
  const common = commonSuffix(before, after, Math.min(before.length, after.length) - from);
  const to = before.length - common;
  const found = enclosing(previous.root, from, to);
  if (!found || !found.node.parent) return undefined;
  const old = found.node;
  const delta = after.length - before.length;
  const rebuilt = buildJsonValue(after, old.offset, old.offset + old.length + delta, found.depth, old.parent as JsonNode, MAX_JSON_DEPTH);
  if (!rebuilt) return undefined;
  splice(old, rebuilt, delta);
  const doc = { source, root: previous.root };
  tookOver.add(doc);
  return doc;
}

/** Documents made by reparseJson and not built yet: each took its tree over from a version nothing may read any more. */
const tookOver = new WeakSet<JsonDocument>();

/**
 * Whether `doc`'s tree was taken over from the document of the buffer's last version (reparseJson),
 * which the language server then reads nothing of (server/document-flows.ts isSuperseded): what
 * was built of that version's unchanged parts may be taken over too (core/model/steps.ts). True
 * once only, for the first build of `doc`: a second build of it takes nothing over from the first,
 * whose flow may still be read.
 */
export function takeOverTree(doc: JsonDocument): boolean {
  return tookOver.delete(doc);
}
