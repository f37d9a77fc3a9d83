import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../core/artifacts/paths';
import type { LintResult } from '../core/engine/result';
import { splitArchivePath } from './format/archive-path';

// With --hook, the paths are the changed files a git hook passes (pre-commit passes every
// staged .json, .xml and .zip). Each is linted as a full run would lint it, and only its own
// findings are reported:
// - a file inside an unpacked solution or legacy package is read with the rest of that export,
//   so the flow gets its display name, connection references and suppressions as in CI and in
//   the editor (linted alone, a pac-unpacked flow would be named after its file);
// - any other file is read as if met in a folder: JSON that is no flow (package.json, a DLP
//   policy) and zips that are no export are skipped instead of refused.

export interface HookTargets {
  /** What to load, relative to the cwd: export roots, and the folders of loose files. */
  paths: string[];
  /** True for paths the load must skip: everything in a loose file's folder but the files named. */
  skip: (absPath: string) => boolean;
  /** Absolute paths of the files named, whose findings are reported. */
  named: Set<string>;
  /** Absolute paths of folders named, reported whole. */
  folders: string[];
}

function names(dir: string): Map<string, string> {
  try {
    return new Map(readdirSync(dir).map((n) => [n.toLowerCase(), n]));
  } catch {
    return new Map();
  }
}

function hasPath(dir: string, ...parts: string[]): boolean {
  let current = dir;
  for (const part of parts) {
    const found = names(current).get(part.toLowerCase());
    if (!found) return false;
    current = path.join(current, found);
  }
  return true;
}

/** pac's Other/Solution.xml, a raw solution's solution.xml beside customizations.xml, or a legacy package. */
function isExportRoot(dir: string, memo: Map<string, boolean>): boolean {
  const known = memo.get(dir);
  if (known !== undefined) return known;
  const found = hasPath(dir, 'Other', 'Solution.xml') || (hasPath(dir, 'solution.xml') && hasPath(dir, 'customizations.xml')) || hasPath(dir, 'Microsoft.Flow', 'flows', 'manifest.json');
  memo.set(dir, found);
  return found;
}

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The nearest folder at or above the file's that holds an unpacked export, not climbing above `top`. */
function exportRootOf(absFile: string, top: string, memo: Map<string, boolean>): string | undefined {
  let dir = path.dirname(absFile);
  for (;;) {
    if (isExportRoot(dir, memo)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir || !within(parent, top)) return undefined;
    dir = parent;
  }
}

function isFile(abs: string): boolean | undefined {
  try {
    return statSync(abs).isFile();
  } catch {
    return undefined;
  }
}

export function hookTargets(paths: string[], cwd: string): HookTargets {
  const existing = paths.map((given) => path.resolve(cwd, given)).map((abs) => ({ abs, file: isFile(abs) }));
  // A path deleted by the change has nothing left to lint.
  const folders = existing.filter((p) => p.file === false).map((p) => p.abs);
  const roots = new Set<string>();
  const looseDirs = new Set<string>();
  const named = new Set<string>();
  // Many staged files share their folders: each folder is looked at once.
  const memo = new Map<string, boolean>();
  for (const { abs } of existing.filter((p) => p.file === true)) {
    named.add(abs);
    if (folders.some((folder) => within(abs, folder))) continue;
    const root = exportRootOf(abs, within(abs, cwd) ? cwd : path.dirname(abs), memo);
    if (root) roots.add(root);
    else looseDirs.add(path.dirname(abs));
  }
  const skip = (abs: string): boolean => looseDirs.has(path.dirname(abs)) && !named.has(abs);
  const targets = [...folders, ...roots, ...looseDirs].map((abs) => displayPath(abs, cwd));
  return { paths: [...new Set(targets)], skip, named, folders };
}

/** Whether a display path is of a file named or inside a folder named (an archive's entries are the archive's). */
export function isNamed(targets: HookTargets, cwd: string): (file: string) => boolean {
  return (file) => {
    const abs = path.resolve(cwd, splitArchivePath(file)[0] ?? file);
    return targets.named.has(abs) || targets.folders.some((folder) => within(abs, folder));
  };
}

/** Keeps what concerns the files named and the folders named, and run-wide notices. */
export function onlyNamed(result: LintResult, targets: HookTargets, cwd: string): LintResult {
  const named = isNamed(targets, cwd);
  const keep = (file: string | undefined): boolean => file === undefined || named(file);
  return {
    ...result,
    findings: result.findings.filter((f) => keep(f.file)),
    unreadable: result.unreadable.filter((u) => keep(u.file)),
    notices: result.notices.filter((n) => keep(n.file)),
  };
}
