import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CliOptions } from '../args';
import type { FormatOptions } from '../format';

/** How lintCommand renders the report: the options it resolves from the environment (colour, the SARIF root). */
export type RenderSettings = Omit<FormatOptions, 'version' | 'baselined'>;

function baselineBytes(file: string | undefined, cwd: string): string | Buffer | null {
  if (file === undefined) return null;
  try {
    return readFileSync(path.resolve(cwd, file));
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

/**
 * What, besides the findings, shapes a lint command's report, standard error and exit code: every
 * option given (the format, --quiet, --max-warnings, the PATHs, ...), how the report is rendered
 * (colour, the working folder, the SARIF root, resolved from the environment), and the --baseline
 * file byte for byte. The report kept in the cache (report-head.ts) is printed again only for the
 * same settings, the same units with the same hashes and the same cached entries.
 */
export function reportSettings(options: CliOptions, render: RenderSettings, cwd: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(['report', options, render, cwd]));
  const baseline = baselineBytes(options.baseline, cwd);
  if (baseline !== null) hash.update(baseline);
  return hash.digest('hex');
}

/** The run's key for a kept report: its settings and every unit with its hash (none unhashed). */
export function reportRunKey(settings: string, units: readonly { id: string }[], hashes: readonly (string | undefined)[]): string | undefined {
  if (hashes.some((h) => h === undefined)) return undefined;
  return createHash('sha256').update(JSON.stringify([settings, units.map((u, i) => [u.id, hashes[i]])])).digest('hex');
}
