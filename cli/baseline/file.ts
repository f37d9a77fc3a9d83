import { readRegularFile, ReadRefused } from '../../core/artifacts/read-file';
import { CliError } from '../errors';

/**
 * The baseline file: findings by fingerprint, with enough to recognise them when reading the file
 * (rule, file, flow, action) and deliberately no message, which may quote part of a secret.
 */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  flow: string | null;
  action: string | null;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export const DEFAULT_BASELINE = 'flowguard-baseline.json';

function invalid(display: string, why: string): CliError {
  return new CliError(`${display} is not a FlowGuard baseline: ${why}. Record one with 'flowguard baseline --output ${display}'.`);
}

function isEntry(value: unknown): value is BaselineEntry {
  return typeof value === 'object' && value !== null && typeof (value as BaselineEntry).fingerprint === 'string';
}

export async function readBaseline(abs: string, display: string): Promise<Baseline> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readRegularFile(abs));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read baseline ${display}: ${code === 'ENOENT' ? 'no such file' : error instanceof ReadRefused ? `it ${error.message}` : String(code ?? error)}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid(display, (error as Error).message);
  }
  const baseline = data as Partial<Baseline> | null;
  if (typeof baseline !== 'object' || baseline === null || baseline.version !== 1) throw invalid(display, 'expected {"version": 1, "findings": [...]}');
  if (!Array.isArray(baseline.findings) || !baseline.findings.every(isEntry)) throw invalid(display, '"findings" must be a list of {fingerprint, ruleId, file, flow, action}');
  return { version: 1, findings: baseline.findings };
}

/** Sorted by file, then rule, so that re-recording an unchanged workspace changes nothing in git. */
export function serializeBaseline(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  const baseline: Baseline = { version: 1, findings: sorted };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
