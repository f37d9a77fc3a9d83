import type { LintResult } from '../core/engine/result';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

function activeCount(result: LintResult, severity: 'error' | 'warning'): number {
  return result.findings.filter((f) => !f.suppressed && f.severity === severity).length;
}

/** 2 when input was unreadable; 1 on any error finding or too many warnings; else 0. */
export function exitCodeOf(result: LintResult, maxWarnings: number): number {
  if (result.unreadable.length > 0) return EXIT_USAGE;
  if (activeCount(result, 'error') > 0) return EXIT_FINDINGS;
  if (maxWarnings >= 0 && activeCount(result, 'warning') > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

/**
 * "too many warnings (N, maximum M)" when --max-warnings alone makes the run fail, so a red CI
 * step whose report shows only warnings says why; undefined when the exit code has another cause.
 */
export function tooManyWarnings(result: LintResult, maxWarnings: number): string | undefined {
  if (maxWarnings < 0 || result.unreadable.length > 0 || activeCount(result, 'error') > 0) return undefined;
  const warnings = activeCount(result, 'warning');
  return warnings > maxWarnings ? `too many warnings (${warnings}, maximum ${maxWarnings})` : undefined;
}
