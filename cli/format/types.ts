import type { LintResult } from '../../core/engine/result';

export interface FormatOptions {
  /** The caller decides from TTY, NO_COLOR and FORCE_COLOR; formatters never look at the environment. */
  color: boolean;
  /** Directory the display paths are relative to; SARIF resolves its %SRCROOT% against it. */
  cwd: string;
  /** FlowGuard's own version, recorded in SARIF so results can be traced to the tool that made them. */
  version: string;
}

/** Turns one run into the exact text written to stdout. */
export type Formatter = (result: LintResult, options: FormatOptions) => string;
