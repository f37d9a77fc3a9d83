import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './fixtures';

/**
 * This work tree as a fresh clone of it would hold it (tracked files, and new ones git does not
 * ignore), copied into `into`, with the project's node_modules linked in so its build runs there.
 * Packaging runs in the copy, never here: `npm pack` rebuilds dist/, which other runs are using.
 */
export function copyWorkTree(into: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter((f) => f !== '')) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the work tree
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(from, path.join(into, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'), 'dir');
}
