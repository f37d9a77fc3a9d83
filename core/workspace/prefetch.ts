import type { FileTree } from '../artifacts/tree';

/** How many files are read at once: enough to hide disk latency, few enough to bound memory. */
const CONCURRENCY = 16;

/**
 * Starts reading `rels` ahead, a bounded number at a time, and returns a tree whose reads of
 * them are served from that work. Callers still take files one by one, in order, so results
 * stay deterministic while the disk works in parallel.
 */
export function prefetch(tree: FileTree, rels: string[]): FileTree {
  if (tree.kind === 'zip' || rels.length < 2) return tree;
  const pending = new Map<string, Promise<Uint8Array>>();
  let next = 0;
  const startMore = (): void => {
    while (next < rels.length && pending.size < CONCURRENCY) {
      const rel = rels[next++] as string;
      const read = tree.read(rel);
      read.catch(() => undefined);
      pending.set(rel, read);
    }
  };
  startMore();
  return {
    label: tree.label,
    kind: tree.kind,
    list: () => tree.list(),
    has: (rel) => tree.has(rel),
    findIgnoreCase: (rel) => tree.findIgnoreCase(rel),
    read: (rel) => {
      const started = pending.get(rel);
      if (!started) return tree.read(rel);
      pending.delete(rel);
      startMore();
      return started;
    },
  };
}
