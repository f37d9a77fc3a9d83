import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Project } from '../../core/project/load';
import { CliError } from '../errors';
import type { ProjectArgs } from '../options';
import { lintPaths, type Linted } from '../project';
import { checkOutBase } from './base-tree';
import { resolveCommit } from './git';

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function exists(abs: string): Promise<boolean> {
  return fs.stat(abs).then(
    () => true,
    () => false,
  );
}

export interface BaseSide {
  linted: Linted;
  commit: string;
  /** The paths given that the base revision does not have. */
  absent: string[];
}

/**
 * Lints the paths as they are at `ref`, with the work tree's configuration and policies so that
 * only the flows differ between the sides. The base is read from a temporary copy laid out as the
 * repository is, and linted from the matching folder, so its display paths are the work tree's.
 * Files the base cannot read are not reported: the review is about what the change brings.
 */
export async function lintBase(project: Project, args: ProjectArgs, workCwd: string, workRoot: string, ref: string): Promise<BaseSide> {
  const commit = await resolveCommit(workRoot, ref);
  // git names the root by its real path; compare like with like when the cwd is reached by a symlink.
  const [cwd, root] = await Promise.all([fs.realpath(workCwd), fs.realpath(workRoot)]);
  const absPaths = args.paths.map((p) => path.resolve(cwd, p));
  const outside = absPaths.find((p) => !inside(p, root));
  if (outside) throw new CliError(`${outside} is outside the git repository at ${root}, so it has no base revision.`);
  const repoPaths = absPaths.map((p) => path.relative(root, p).split(path.sep).join('/') || '.');
  const tree = await checkOutBase(root, commit, repoPaths);
  try {
    const baseCwd = path.join(tree.dir, path.relative(root, cwd));
    await fs.mkdir(baseCwd, { recursive: true });
    const present: string[] = [];
    const absent: string[] = [];
    for (const [i, repoPath] of repoPaths.entries()) {
      // A path the change creates has no base; everything in it is new.
      const abs = path.join(tree.dir, repoPath);
      if (await exists(abs)) present.push(path.relative(baseCwd, abs) || '.');
      else absent.push(args.paths[i]!);
    }
    const linted = await lintPaths(project, present, baseCwd, {
      overrides: args.rules,
      configPath: (abs) => path.join(root, path.relative(tree.dir, abs)),
    });
    return { linted: { ws: linted.ws, result: { ...linted.result, unreadable: [], notices: [] } }, commit, absent };
  } finally {
    await tree.remove();
  }
}
