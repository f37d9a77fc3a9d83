import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Why FlowGuard must not write `abs`, or undefined. A file it writes is a regular file that is no
 * symbolic link and whose real path lies inside one of `roots` (the folders and files being
 * linted; a file root stands for its folder), so a link planted in a repository cannot make --fix
 * or a report rewrite a file elsewhere. The phrase reads after "not fixed: " / "not written: ".
 */
export async function writeRefusal(abs: string, roots?: readonly string[]): Promise<string | undefined> {
  let stat;
  try {
    stat = await fs.lstat(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `cannot check it (${code ?? String(error)})`;
  }
  if (stat.isSymbolicLink()) return 'it is a symbolic link, and FlowGuard never writes through one (its target may be outside the folders being linted)';
  if (stat.isDirectory()) return 'it is a folder';
  if (!stat.isFile()) return 'it is not a regular file (a device, a FIFO or a socket)';
  if (!roots || roots.length === 0) return undefined;
  const real = await fs.realpath(abs).catch(() => undefined);
  if (!real) return 'its real path cannot be resolved';
  for (const root of roots) {
    const realRoot = await realFolder(root);
    if (realRoot && isInside(realRoot, real)) return undefined;
  }
  return 'its real path is outside the folders being linted';
}

async function realFolder(root: string): Promise<string | undefined> {
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat) return undefined;
  return fs.realpath(stat.isDirectory() ? root : path.dirname(root)).catch(() => undefined);
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

// O_NOFOLLOW closes the gap between the check and the write: a link swapped in meanwhile fails
// the open (ELOOP) instead of being followed. Windows has neither the flag nor the attack.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

/** Writes `data` to `abs`, creating or truncating it, never through a symbolic link, never into a device. */
export async function writeRegularFile(abs: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW | NON_BLOCK, 0o666);
  try {
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}
