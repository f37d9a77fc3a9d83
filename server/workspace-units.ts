import * as path from 'node:path';
import { folderTree } from '../core/artifacts/tree';
import { CONFIG_FILE } from '../core/config/find';
import { isInsideFolder } from './paths';

/** The CLI's own bound on one walk; a workspace is walked as `flowguard .` would walk it. */
export const MAX_WORKSPACE_FILES = 200_000;

/**
 * A folder linted as one CLI run: a workspace folder, or a folder below it holding its own
 * flowguard.json. A document is linted with its nearest flowguard.json, so the pass splits a
 * workspace folder the same way, and each part is linted with the config its files would find.
 */
export interface LintUnit {
  folder: string;
  /** The workspace folder display paths are relative to, as for a document there. */
  cwd: string;
  /** Units inside this one, linted on their own. */
  exclude: string[];
  /** Zip files found in the folder outside `exclude`, for the progress percentage. */
  archives: number;
}

interface Listing {
  root: string;
  files: string[];
}

async function list(root: string, log: (message: string) => void): Promise<Listing> {
  try {
    return { root, files: (await folderTree(root, '', { maxFiles: MAX_WORKSPACE_FILES })).list().map((rel) => path.join(root, ...rel.split('/'))) };
  } catch (error) {
    // Loading the folder meets the same error and reports it; the folder is still one unit.
    log(`Listing ${root} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { root, files: [] };
  }
}

/** The units of the given workspace folders (deepest first), each with what it must leave to others. */
export async function findUnits(roots: readonly string[], cwdFor: (folder: string) => string, log: (message: string) => void): Promise<LintUnit[]> {
  const listings = await Promise.all(roots.map((root) => list(root, log)));
  const folders = new Map<string, string>(roots.map((root) => [root, root]));
  for (const { files } of listings) {
    for (const file of files) {
      if (path.basename(file) !== CONFIG_FILE) continue;
      const folder = path.dirname(file);
      if (!folders.has(folder)) folders.set(folder, cwdFor(folder));
    }
  }
  const zips = new Set(listings.flatMap((l) => l.files.filter((f) => f.toLowerCase().endsWith('.zip'))));
  return [...folders].map(([folder, cwd]) => {
    const exclude = [...folders.keys()].filter((other) => isInsideFolder(other, folder));
    let archives = 0;
    for (const zip of zips) if (isInsideFolder(zip, folder) && !exclude.some((e) => isInsideFolder(zip, e))) archives++;
    return { folder, cwd, exclude, archives };
  });
}
