import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus of real exports sits beside the project (../shared/corpus) on machines and
 * in CI that have it; tests that need it skip with a note elsewhere, and fail in CI.
 */
export const CORPUS_DIR = process.env.FLOWGUARD_CORPUS ?? path.resolve(__dirname, '../../../../shared/corpus');

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

/** Skips the calling suite with a visible note when the corpus is missing; CI must have it. */
export function requireCorpus(ctx: Mocha.Context): void {
  if (corpusAvailable()) return;
  if (process.env.CI) throw new Error(`The corpus is missing at ${CORPUS_DIR}; CI must have ../shared/corpus.`);
  console.log(`      (skipped: no corpus at ${CORPUS_DIR})`);
  ctx.skip();
}

/** Absolute paths under the corpus whose file name passes `test`, sorted. */
export function corpusFiles(test: (fileName: string) => boolean): string[] {
  const entries = readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' });
  return entries.filter((rel) => test(path.basename(rel))).map((rel) => path.join(CORPUS_DIR, rel)).sort();
}

export interface ManifestRow {
  corpusPath: string;
  kind: string;
  /** Free text; for zips it counts what they hold: 'flows_in_zip=3', or 'zip: connectors=1 (...); flows=1; nested zips: [...]'. */
  note: string;
}

/** MANIFEST.tsv: which file is what kind of export. */
export function corpusManifest(): ManifestRow[] {
  const lines = readFileSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .map((line) => line.split('\t'))
    .filter((cols) => cols.length > 6)
    .map((cols) => ({ corpusPath: cols[3] ?? '', kind: cols[6] ?? '', note: cols[7] ?? '' }));
}

const FLOW_COUNT = /\bflows(?:_in_zip)?=(\d+)/g;

/** The flows a zip's note counts: its own first, then those of each zip nested in it, in order. */
export function zipNoteFlowCounts(note: string): number[] {
  return [...note.matchAll(FLOW_COUNT)].map((m) => Number(m[1]));
}
