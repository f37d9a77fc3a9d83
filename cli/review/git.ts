import { execFile } from 'node:child_process';
import { CliError } from '../errors';

// Every git call passes its arguments as a list, never through a shell, and revisions are
// checked with --end-of-options, so a REF or PATH from the command line is only ever data.

/** GIT_LITERAL_PATHSPECS: a PATH is a path, not a pattern; no pager, no prompts. */
export const GIT_ENV = { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' };

export function gitMissing(): CliError {
  return new CliError('flowguard review needs git, and git was not found on the PATH.');
}

export class GitFailed extends Error {
  constructor(readonly code: number | string | undefined, readonly stderr: string, message: string) {
    super(message);
  }
}

export function git(args: string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: GIT_ENV, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code ?? undefined;
      if (code === 'ENOENT') return reject(gitMissing());
      reject(new GitFailed(code, stderr.toString('utf8').trim(), `git ${args[0] ?? ''} failed: ${stderr.toString('utf8').trim() || error.message}`));
    });
  });
}

/** The top folder of the work tree around `cwd`. */
export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitFailed) throw new CliError(`flowguard review compares with a git revision, but ${cwd} is not inside a git work tree.`);
    throw error;
  }
}

/** The commit REF names, or a clear error naming REF. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new CliError(`--base '${ref}' is not a git revision.`);
  try {
    return (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root)).toString('utf8').trim();
  } catch (error) {
    if (!(error instanceof GitFailed)) throw error;
    throw new CliError(
      `--base '${ref}' does not name a commit in this repository. Check the name; in CI, fetch it first ` +
        `(actions/checkout with fetch-depth: 0, or git fetch origin ${ref.replace(/^origin\//, '')}).`,
    );
  }
}

export interface TreeEntry {
  /** Path from the repository root, with '/'. */
  path: string;
  oid: string;
}

const REGULAR_FILE = new Set(['100644', '100755']);

/** Regular files under `paths` (relative to the root) at `commit`; symlinks and submodules are left out. */
export async function listFiles(root: string, commit: string, paths: string[]): Promise<TreeEntry[]> {
  const out = await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths], root);
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== undefined && REGULAR_FILE.has(mode) && oid) entries.push({ path: record.slice(tab + 1), oid });
  }
  return entries;
}
