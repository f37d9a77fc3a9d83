import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { toSlashes } from '../artifacts/paths';
import { compileGlob, compileGlobs, globProblem, GlobError } from './glob-match';

const MAX_WALK = 50_000;

/**
 * Files matching a glob relative to `root` (a plain path is returned as is, existing or not,
 * so a missing policy file is reported by name). Only the glob's static base is walked.
 */
export async function expandGlob(root: string, pattern: string): Promise<string[]> {
  // Checked before picomatch.scan, which throws on patterns past 65,536 characters.
  const problem = globProblem(pattern);
  if (problem) throw new GlobError(problem);
  const scanned = picomatch.scan(toSlashes(pattern));
  if (!scanned.isGlob) return [path.resolve(root, pattern)];
  const base = path.resolve(root, scanned.base || '.');
  const isMatch = compileGlob(scanned.glob, { dot: false });
  const found: string[] = [];
  const pending = [base];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_WALK) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      seen++;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') pending.push(abs);
      } else if (entry.isFile() && isMatch(toSlashes(path.relative(base, abs)))) {
        found.push(abs);
      }
    }
  }
  return found.sort();
}

/** A predicate for flowguard.json `ignore` globs, relative to the config's folder. */
export function ignoreMatcher(root: string, globs: string[]): ((absPath: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  // flowguard.json validation reports a glob past the limits; one that reaches here unchecked is left out.
  const isMatch = compileGlobs(globs.filter((g) => globProblem(g) === undefined), { dot: true });
  return (absPath) => {
    const rel = toSlashes(path.relative(root, absPath));
    return !rel.startsWith('..') && (isMatch(rel) || isMatch(`${rel}/`));
  };
}
