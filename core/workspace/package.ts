import type { FileTree } from '../artifacts/tree';
import type { Workspace } from './collector';
import { loadFlowEntry } from './flow-entry';

const FLOWS_MANIFEST = /(^|\/)Microsoft\.Flow\/flows\/manifest\.json$/i;
const DEFINITION = /^Microsoft\.Flow\/flows\/[^/]+\/definition\.json$/i;

/** Legacy export packages: roots are the folders holding 'Microsoft.Flow/flows/manifest.json'. */
export function findPackageRoots(tree: FileTree): string[] {
  return tree.list().filter((rel) => FLOWS_MANIFEST.test(rel)).map((rel) => rel.slice(0, rel.length - 'Microsoft.Flow/flows/manifest.json'.length));
}

/** True for a flow definition of the package at `root`: the files loadPackage reads. */
export function isPackageFlow(rel: string, root: string): boolean {
  return rel.startsWith(root) && DEFINITION.test(rel.slice(root.length));
}

export async function loadPackage(tree: FileTree, root: string, ws: Workspace): Promise<void> {
  for (const rel of tree.list()) {
    if (!isPackageFlow(rel, root)) continue;
    await loadFlowEntry(tree, rel, ws, { expected: true });
  }
}
