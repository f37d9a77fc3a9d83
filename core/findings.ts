import type { Range } from './text/range';

export type Severity = 'error' | 'warning' | 'info';

/** A text edit on one file, in the file's own coordinates. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes never change what a flow does at run time; they also run under --fix and fix-all. */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
  /**
   * Its place (1, 2, ...) on the data path the finding follows, from where the data enters to
   * where it ends up; absent for a location that is not a step of the path (a policy entry).
   * SARIF writes the steps as the result's codeFlows.
   */
  hop?: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Says what, where and what to do; never contains a whole secret. */
  message: string;
  /** Display path: relative with '/', zip entries as 'archive.zip!Workflows/X.json'. */
  file: string;
  range: Range;
  flow?: string;
  /** The trigger's or action's name; absent for flow-level findings. */
  action?: string;
  connector?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Machine-readable facts for code actions and fingerprints; matched instead of message text. */
  data?: Record<string, string | number | boolean>;
  /** Set when an exception in flowguard.json or a note on the action accepts the finding. */
  suppressed?: Suppression;
}

export interface Suppression {
  /** 'config': an `exceptions` entry in flowguard.json; 'note': a flowguard-disable directive in the action's note. */
  kind: 'config' | 'note';
  reason?: string;
  file: string;
  range: Range;
}

/** A file that could not be read or parsed; the run goes on and exits with 2. */
export interface Unreadable {
  file: string;
  range: Range;
  message: string;
}

/** Something the user should know that is not a finding (a desktop flow skipped, no policy found). */
export interface Notice {
  file?: string;
  message: string;
}
