import type { LintResult } from '../core/engine/result';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** 2 when input was unreadable; 1 on any error finding or too many warnings; else 0. */
export function exitCodeOf(result: LintResult, maxWarnings: number): number {
  if (result.unreadable.length > 0) return EXIT_USAGE;
  const active = result.findings.filter((f) => !f.suppressed);
  const errors = active.filter((f) => f.severity === 'error').length;
  const warnings = active.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return EXIT_FINDINGS;
  if (maxWarnings >= 0 && warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
