import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { redactText } from '../core/secrets/redact';
import { CliError } from './errors';

/** The folder of the nearest `.git` (a folder, or the file of a worktree or submodule) at or above `from`. */
function gitTopLevel(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function inside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The folder SARIF's relative URIs start from. Code scanning reads every relative path from the
 * root of the repository, whichever folder FlowGuard ran in, so: `--sarif-root DIR` when given;
 * else the git work tree the working folder is in; else GITHUB_WORKSPACE, where a workflow checks
 * the repository out (when git itself was not there to make a work tree), if the working folder
 * is inside it; else the working folder.
 */
export function sarifRoot(cwd: string, option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option !== undefined) {
    const dir = path.resolve(cwd, option);
    let isDirectory = false;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDirectory) throw new CliError(`--sarif-root ${redactText(option)} is not a folder.`);
    return dir;
  }
  const top = gitTopLevel(cwd);
  if (top !== undefined) return top;
  const workspace = env['GITHUB_WORKSPACE'];
  if (workspace && path.isAbsolute(workspace) && inside(cwd, workspace)) return path.resolve(workspace);
  return cwd;
}
