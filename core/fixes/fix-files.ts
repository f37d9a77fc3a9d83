import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../artifacts/decode';
import { parseJson } from '../artifacts/json';
import { ArtifactError } from '../artifacts/source';
import type { Finding, Fix } from '../findings';
import { applyEdits } from './apply-edits';
import { encodeLike } from './encode';
import { planFixes, type FixSelection } from './plan';
import { writeRefusal, writeRegularFile } from './write-guard';

export interface FixFilesOptions extends FixSelection {
  /** The folder the findings' display paths are relative to (the cwd the workspace was loaded with). */
  cwd: string;
  /** The paths being linted, absolute: a file whose real path is outside them is never written. */
  roots?: readonly string[];
}

export interface FixFilesResult {
  /** Fixes applied, over all files. */
  applied: number;
  /** Display paths of the files written, in the findings' order. */
  files: string[];
  /** Files left unchanged, and why (a phrase that reads after "not fixed: "). */
  skipped: { file: string; reason: string }[];
}

const IN_ARCHIVE = /\.zip!/i;

function describe(error: unknown): string {
  if (error instanceof ArtifactError) return error.message;
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Applies one file's fixes and writes it back, or says why it did not. */
async function fixFile(file: string, fixes: Fix[], cwd: string, roots: readonly string[] | undefined): Promise<string | undefined> {
  const abs = path.resolve(cwd, file);
  const refusal = await writeRefusal(abs, roots);
  if (refusal) return refusal;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(abs));
  } catch (error) {
    return `cannot read it (${describe(error)})`;
  }
  const source = decodeText(file, bytes);
  const fixed = applyEdits(source.text, fixes.flatMap((f) => f.edits));
  try {
    parseJson(decodeText(file, encodeLike(bytes, source.hadBom, fixed)));
  } catch (error) {
    return `the fixed text would not be valid JSON (${describe(error)}), so the file was left unchanged; please report this`;
  }
  try {
    await writeRegularFile(abs, encodeLike(bytes, source.hadBom, fixed));
  } catch (error) {
    return `cannot write it (${describe(error)})`;
  }
  return undefined;
}

/**
 * Applies the findings' fixes to their files: with `only: 'safe'` (what --fix runs) the first safe
 * fix of each finding, else the first fix of each. Fixes that meet or overlap one applied before
 * them in the same file are left for the next run, which offers them again on the fixed text.
 * Files inside zips are not written. Each file keeps its encoding, byte order mark, line endings
 * and everything the fixes do not touch, and is written only when the result is valid JSON.
 */
export async function fixFiles(findings: readonly Finding[], options: FixFilesOptions): Promise<FixFilesResult> {
  const result: FixFilesResult = { applied: 0, files: [], skipped: [] };
  for (const [file, fixes] of planFixes(findings, options)) {
    if (IN_ARCHIVE.test(file)) {
      result.skipped.push({ file, reason: 'inside a zip archive, which --fix does not rewrite; unpack the solution (pac solution unpack) to fix it' });
      continue;
    }
    let problem: string | undefined;
    try {
      problem = await fixFile(file, fixes, options.cwd, options.roots);
    } catch (error) {
      problem = `fixing it failed (${describe(error)})`;
    }
    if (problem) {
      result.skipped.push({ file, reason: problem });
      continue;
    }
    result.applied += fixes.length;
    result.files.push(file);
  }
  return result;
}
