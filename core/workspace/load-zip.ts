import { ArtifactError } from '../artifacts/source';
import { zipTree, type FileTree } from '../artifacts/tree';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipBudget } from '../artifacts/zip';
import type { Workspace } from './collector';
import { loadTree } from './load-tree';

/** Where a zip sits: how deep in other zips (the outer one is 1), and what the nest has read so far. */
export interface ZipNest {
  depth: number;
  budget: ZipBudget;
}

export interface ZipLoadOptions {
  /** True when the user named the file: a zip with no export in it is then an error, not a note. */
  named: boolean;
  /** Set for a zip read out of another one. */
  nest?: ZipNest;
}

const NEITHER = 'neither a solution zip (solution.xml) nor a legacy export package (Microsoft.Flow/flows/manifest.json)';

/**
 * Loads every export in a zip and in the zips inside it, at any depth up to the limit. A nested
 * zip shares the outer one's budget, so nesting cannot multiply the limits, and its display path
 * is 'outer.zip!inner.zip!Workflows/X.json'. A nested zip that cannot be read costs only itself.
 * Returns how many exports were found.
 */
export async function loadZip(display: string, bytes: Uint8Array, ws: Workspace, options: ZipLoadOptions): Promise<number> {
  const nest = options.nest ?? { depth: 1, budget: { bytes: 0, entries: 0 } };
  try {
    const tree = zipTree(await readZip(display, bytes, undefined, nest.budget));
    const { exports, zips } = await loadTree(tree, ws);
    let found = exports;
    for (const rel of zips) found += await loadNested(tree, rel, ws, nest);
    // A zip that holds other zips has them speak for themselves.
    if (found === 0 && zips.length === 0) {
      if (options.named) throw new ArtifactError(display, `${display} is ${NEITHER}.`);
      ws.files++;
      ws.note(`Skipped this zip: it is ${NEITHER}, so it holds no flow FlowGuard reads.`, display);
    }
    return found;
  } catch (error) {
    ws.files++;
    ws.fail(display, error);
    return 0;
  }
}

async function loadNested(tree: FileTree, rel: string, ws: Workspace, outer: ZipNest): Promise<number> {
  const display = tree.label + rel;
  const maxDepth = DEFAULT_ZIP_LIMITS.maxDepth;
  if (outer.depth >= maxDepth) {
    ws.files++;
    ws.fail(display, new ArtifactError(display, `${display}: this zip is nested ${outer.depth + 1} archives deep; FlowGuard opens zips at most ${maxDepth} deep, so it was not read. The rest of the outer archive was linted.`));
    return 0;
  }
  return loadZip(display, await tree.read(rel), ws, { named: false, nest: { depth: outer.depth + 1, budget: outer.budget } });
}
