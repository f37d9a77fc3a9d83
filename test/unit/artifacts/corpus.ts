import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus of real exports sits beside the project (../shared/corpus) on machines and
 * in CI that have it; tests that need it skip with a note elsewhere.
 */
export const CORPUS_DIR = process.env.FLOWGUARD_CORPUS ?? path.resolve(__dirname, '../../../../../shared/corpus');

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

/** Absolute paths under the corpus whose file name passes `test`, sorted. */
export function corpusFiles(test: (fileName: string) => boolean): string[] {
  const entries = readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' });
  return entries.filter((rel) => test(path.basename(rel))).map((rel) => path.join(CORPUS_DIR, rel)).sort();
}
