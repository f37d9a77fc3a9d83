import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../core/artifacts/paths';
import type { Workspace } from '../core/workspace/collector';
import { CliError } from './errors';
import { visibleControls } from './format/control-text';

// ESLint stops on a pattern that matches no file (--no-error-on-unmatched-pattern allows it), so a
// mistyped path in CI fails instead of passing on nothing. Here a path "matches" when it holds an
// export: a cloud flow, a solution or package, or a file that tried to be one and could not be read
// (that one is reported, and fails the run, on its own).

/**
 * Every path a file counts for: the file itself and each path it lies within (what comes before
 * each '/' or '!' of it: its folders, and the archive an entry is in). A path given matches when
 * it is one of these: looked up, so that a pre-commit run naming thousands of staged
 * files is not a scan of every export found for each of them.
 */
function pathsWithin(files: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let f = 0; f < files.length; f++) {
    const file = files[f] as string;
    found.add(file);
    for (let i = 0; i < file.length; i++) {
      const c = file.charCodeAt(i);
      if (c === 47 /* / */ || c === 33 /* ! */) found.add(file.slice(0, i));
    }
  }
  return found;
}

/** Display paths of everything the load found that counts as an export. */
function exportFiles(ws: Workspace): string[] {
  return [...ws.flows.map((f) => f.doc.source.path), ...ws.releasedFlows, ...ws.solutions.map((s) => s.path), ...ws.unreadable.map((u) => u.file)];
}

/** The paths given (as given) that hold no export. */
export function unmatchedPaths(paths: readonly string[], ws: Workspace, cwd: string): string[] {
  return unmatchedAmong(paths, exportFiles(ws), cwd);
}

/** The paths given that hold none of `files` (display paths of exports found). */
function unmatchedAmong(paths: readonly string[], files: readonly string[], cwd: string): string[] {
  if (paths.length === 0) return [];
  const within = pathsWithin(files);
  return paths.filter((given) => {
    const root = displayPath(path.resolve(cwd, given), cwd).replace(/\/+$/, '');
    // '.' holds every export found, when there is one.
    return root === '.' ? files.length === 0 : !within.has(root);
  });
}

/** The paths that exist; with --no-error-on-unmatched-pattern a path that is not there is no error either. */
export async function existingPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = await Promise.all(paths.map((p) => fs.stat(path.resolve(cwd, p)).then(() => true, () => false)));
  return paths.filter((_, i) => found[i]);
}

export function unmatchedMessage(paths: readonly string[]): string {
  const list = paths.map((p) => `"${visibleControls(p)}"`).join(', ');
  return `No flow exports found in ${list} (a flow .json, a solution folder or .zip, or a legacy package). Check the path for typing mistakes, or pass --no-error-on-unmatched-pattern to allow a path with none.`;
}

/** Stops the run when a path given holds no export. */
export function checkMatched(paths: readonly string[], ws: Workspace, cwd: string): void {
  checkMatchedFiles(paths, exportFiles(ws), cwd);
}

/** checkMatched for a run that kept only the display paths of the exports it found (cli/units/). */
export function checkMatchedFiles(paths: readonly string[], files: readonly string[], cwd: string): void {
  const unmatched = unmatchedAmong(paths, files, cwd);
  if (unmatched.length > 0) throw new CliError(unmatchedMessage(unmatched));
}
