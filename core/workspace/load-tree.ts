import type { FileTree } from '../artifacts/tree';
import type { Workspace } from './collector';
import { isDeploymentSettings, readDeploymentSettings } from './deployment-settings';
import { loadFlowEntry } from './flow-entry';
import { findPackageRoots, loadPackage } from './package';
import { findSolutionRoots, loadSolution } from './solution';
import { prefetch } from './prefetch';
import { tryReadJson } from './read';

export interface TreeLoadResult {
  /** How many solutions, packages and stand-alone flows the tree held. */
  exports: number;
  /** Zip files met inside a folder, for the caller to open (zips are not searched for zips). */
  zips: string[];
}

const DEPLOYMENT_SETTINGS = /(^|\/)[^/]*deploymentsettings\.json$/i;

function under(rel: string, roots: string[]): boolean {
  return roots.some((root) => rel.startsWith(root));
}

/**
 * Loads every export a tree holds: solutions (raw or pac layout), legacy packages, and
 * stand-alone flow files; the same code serves a folder on disk and a zip read into memory.
 */
export async function loadTree(tree: FileTree, ws: Workspace): Promise<TreeLoadResult> {
  const solutions = findSolutionRoots(tree);
  const packages = findPackageRoots(tree);
  const claimed = [...solutions.map((s) => s.root), ...packages];
  let exports = solutions.length + packages.length;
  for (const found of solutions) await loadSolution(tree, found, ws);
  for (const root of packages) await loadPackage(tree, root, ws);

  const zips: string[] = [];
  const loose = tree.list().filter((rel) => !under(rel, claimed));
  const reading = prefetch(tree, loose.filter((rel) => rel.toLowerCase().endsWith('.json')));
  for (const rel of loose) {
    const lower = rel.toLowerCase();
    if (lower.endsWith('.zip') && tree.kind === 'folder') {
      zips.push(rel);
    } else if (DEPLOYMENT_SETTINGS.test(lower)) {
      const read = await tryReadJson(reading, rel);
      ws.files++;
      if ('doc' in read && isDeploymentSettings(read.doc)) ws.deploymentSettings.push(readDeploymentSettings(read.doc));
      else if ('error' in read) ws.fail(tree.label + rel, read.error);
    } else if (lower.endsWith('.json') && !lower.endsWith('.data.xml')) {
      if (await loadFlowEntry(reading, rel, ws)) exports++;
    }
  }
  return { exports, zips };
}
