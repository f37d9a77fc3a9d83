import type { FileTree } from '../artifacts/tree';
import type { Workspace } from './collector';
import { isDeploymentSettings, readDeploymentSettings } from './deployment-settings';
import { loadFlowEntry } from './flow-entry';
import { findPackageRoots, isPackageFlow, loadPackage } from './package';
import { loadPaconnConnectors } from './paconn';
import { findSolutionRoots, loadSolution } from './solution';
import { prefetch } from './prefetch';
import { tryReadJson } from './read';

export interface TreeLoadResult {
  /** How many solutions, packages and stand-alone flows the tree held. */
  exports: number;
  /** Every zip file in the tree, inside solution folders too, for the caller to open. */
  zips: string[];
}

const DEPLOYMENT_SETTINGS = /(^|\/)[^/]*deploymentsettings\.json$/i;

/** The deepest of `roots` holding `rel`: a file belongs to the innermost export around it. */
function ownerOf(rel: string, roots: readonly string[]): string | undefined {
  let owner: string | undefined;
  for (const root of roots) if (rel.startsWith(root) && (owner === undefined || root.length > owner.length)) owner = root;
  return owner;
}

/** The JSON files of each solution root, and those of no solution. */
function bySolution(json: readonly string[], solutionRoots: readonly string[], packageRoots: readonly string[]): { owned: Map<string, string[]>; loose: string[] } {
  const owned = new Map<string, string[]>(solutionRoots.map((root) => [root, []]));
  const loose: string[] = [];
  const roots = [...solutionRoots, ...packageRoots];
  for (const rel of json) {
    const owner = ownerOf(rel, roots);
    // A file of a package (not one of its definitions) is tried on its own, as outside any export.
    const files = owner === undefined ? undefined : owned.get(owner);
    // Deployment settings are read wherever they sit; they are never a solution's flows.
    if (files && !DEPLOYMENT_SETTINGS.test(rel)) files.push(rel);
    else loose.push(rel);
  }
  return { owned, loose };
}

/**
 * Loads every export a tree holds: solutions (raw or pac layout), legacy packages, and
 * stand-alone flow files; the same code serves a folder on disk and a zip read into memory.
 * Each file is read by one loader only: a solution takes the flows of its root that no root
 * nested in it claims, a package its definitions, and every other JSON file is tried on its own.
 */
export async function loadTree(tree: FileTree, ws: Workspace): Promise<TreeLoadResult> {
  const solutions = findSolutionRoots(tree);
  const packages = findPackageRoots(tree);
  const files = tree.list();
  // A package's definitions are its own, wherever the package sits.
  const json = files.filter((rel) => rel.toLowerCase().endsWith('.json') && !packages.some((root) => isPackageFlow(rel, root)));
  const { owned, loose } = bySolution(json, solutions.map((s) => s.root), packages);

  for (const found of solutions) await loadSolution(tree, found, ws, owned.get(found.root) ?? []);
  for (const root of packages) await loadPackage(tree, root, ws);

  const reading = prefetch(tree, loose);
  await loadPaconnConnectors(reading, loose, ws);
  let exports = solutions.length + packages.length;
  for (const rel of loose) {
    if (DEPLOYMENT_SETTINGS.test(rel)) {
      const read = await tryReadJson(reading, rel);
      ws.files++;
      if ('doc' in read && isDeploymentSettings(read.doc)) ws.deploymentSettings.push(readDeploymentSettings(read.doc));
      else if ('error' in read) ws.fail(tree.label + rel, read.error);
    } else if (await loadFlowEntry(reading, rel, ws)) {
      exports++;
    }
  }
  return { exports, zips: files.filter((rel) => rel.toLowerCase().endsWith('.zip')) };
}
