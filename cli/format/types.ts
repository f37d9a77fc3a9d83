import type { LintResult } from '../../core/engine/result';
import type { Finding } from '../../core/findings';

export interface FormatOptions {
  /** The caller decides from TTY, NO_COLOR and FORCE_COLOR; formatters never look at the environment. */
  color: boolean;
  /** Directory the display paths are relative to (the working folder). */
  cwd: string;
  /**
   * The repository root SARIF's relative URIs start from (%SRCROOT%), as cli/sarif-root.ts finds
   * it; the working folder when not given.
   */
  sarifRoot?: string;
  /** FlowGuard's own version, recorded in SARIF so results can be traced to the tool that made them. */
  version: string;
  /**
   * Set when a --baseline is in use: the findings it records. SARIF keeps them, marked
   * baselineState 'unchanged' (the others 'new'); the other formats never see them.
   */
  baselined?: ReadonlySet<Finding>;
}

/** Turns one run into the exact text written to stdout. */
export type Formatter = (result: LintResult, options: FormatOptions) => string;
