import type { SeverityCounts } from '../cli/format/counts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../cli/exit-code';
import type { FailOn } from './inputs';

/**
 * The step's exit code. FlowGuard's own (the `exit-code` output) is 2 when it could not run or
 * read a file, whatever fail-on says; 1 on an error finding or more warnings than max-warnings.
 * fail-on decides what of that fails the step: `error` as the CLI does, `warning` also on any
 * warning, `never` only on 2. Baselined and suppressed findings are not counted.
 */
export function stepExitCode(failOn: FailOn, flowguardExit: number, counts: SeverityCounts): number {
  if (flowguardExit === EXIT_USAGE) return EXIT_USAGE;
  if (failOn === 'never') return EXIT_OK;
  if (failOn === 'warning' && counts.warnings > 0) return EXIT_FINDINGS;
  return flowguardExit;
}
