import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliError } from '../errors';
import { readBlobs } from './cat-file';
import { listFiles } from './git';

/** The files the loaders read; everything else in the revision is left in git. */
const EXPORT_FILE = /\.(json|xml|zip)$/i;
const SKIPPED_FOLDER = /(^|\/)(node_modules|\.git)\//;
const MAX_FILES = 200_000;

export interface BaseTree {
  /** A temporary folder outside the repository holding the revision's files at their repository paths. */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Writes the export files under `paths` (relative to the repository root) as they are at
 * `commit` into a fresh temporary folder, so the same loaders read the base as read the work
 * tree, zips included. The folder is outside the repository so nothing there sees it.
 */
export async function checkOutBase(root: string, commit: string, paths: string[]): Promise<BaseTree> {
  const entries = (await listFiles(root, commit, paths)).filter((e) => EXPORT_FILE.test(e.path) && !SKIPPED_FOLDER.test(e.path));
  if (entries.length > MAX_FILES) throw new CliError(`The base revision holds ${entries.length} export files under the paths given; name fewer paths.`);
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'flowguard-review-'));
  const remove = (): Promise<void> => fs.rm(dir, { recursive: true, force: true });
  const written = new Set<string>();
  try {
    await readBlobs(root, entries.map((e) => e.oid), async (index, content) => {
      const target = path.resolve(dir, ...entries[index]!.path.split('/'));
      // git never stores '..' in a path; checked anyway, as this writes where a tree says.
      if (!target.startsWith(dir + path.sep)) return;
      // A crafted tree may list a path twice, or as a file and a folder: the first one wins.
      if (written.has(target)) return;
      written.add(target);
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content, { flag: 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') throw error;
      }
    });
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
