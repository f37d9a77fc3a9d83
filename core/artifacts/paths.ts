import * as path from 'node:path';

/** Turns OS separators into '/', the one form FlowGuard shows and matches paths in. */
export function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * The path to show for a file: relative to `cwd` when inside it, so output is short and the
 * same on every machine; absolute otherwise (a relative path full of '../' helps nobody).
 * Always with '/', on Windows too, so findings and baselines compare across platforms.
 */
export function displayPath(absPath: string, cwd: string): string {
  const relative = path.relative(cwd, absPath);
  if (relative === '') return '.';
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return toSlashes(path.resolve(absPath));
  }
  return toSlashes(relative);
}
