import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const CONFIG_FILE = 'flowguard.json';

/** The nearest flowguard.json at or above `start` (a file or folder), or undefined. */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
