import type { Finding, Notice, Unreadable } from '../findings';
import type { RuleMeta } from './rule';

/** Everything one run produced: what formatters print and what the exit code is made of. */
export interface LintResult {
  findings: Finding[];
  unreadable: Unreadable[];
  notices: Notice[];
  /** Files read (zip entries count once each). */
  files: number;
  /** Cloud flows linted. */
  flows: number;
  /** Every registered rule, for SARIF's rule table. */
  rules: RuleMeta[];
}
