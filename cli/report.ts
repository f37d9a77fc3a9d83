import type { LintResult } from '../core/engine/result';
import type { Finding, Notice } from '../core/findings';
import type { FormatName } from './args';
import { formatters, NOTICES_IN_REPORT, withoutSuppressed, type FormatOptions } from './format';
import { uniqueNotices } from './format/notices';
import { version } from './version';

// One lint run can be reported in several formats (the GitHub Action writes SARIF, annotations and
// a job summary from the same run), and every format must see what `flowguard --format X` shows.

/** One lint run, ready to report: what it found, and with a --baseline, which findings it records. */
export interface LintOutcome {
  result: LintResult;
  /** Set when a baseline was given, even if it records none of these findings (SARIF then marks every result 'new'). */
  baselined?: ReadonlySet<Finding>;
}

export function withoutFindings(result: LintResult, drop: ReadonlySet<Finding>): LintResult {
  return drop.size === 0 ? result : { ...result, findings: result.findings.filter((f) => !drop.has(f)) };
}

/** What the exit code counts and every format but SARIF shows: the findings no baseline records. */
export function unbaselined(outcome: LintOutcome): LintResult {
  return outcome.baselined ? withoutFindings(outcome.result, outcome.baselined) : outcome.result;
}

/** The report in `format`. SARIF keeps baselined results, marked 'unchanged'; the others leave them out. */
export function renderReport(outcome: LintOutcome, format: FormatName, options: Omit<FormatOptions, 'version' | 'baselined'>): string {
  const reported = format === 'sarif' ? outcome.result : unbaselined(outcome);
  return formatters[format](reported, { ...options, version, ...(outcome.baselined ? { baselined: outcome.baselined } : {}) });
}

/** The notes a format leaves to standard error (people's formats carry them in the report), each once. */
export function stderrNotices(outcome: LintOutcome, format: FormatName): Notice[] {
  if (NOTICES_IN_REPORT.has(format)) return [];
  const reported = format === 'sarif' ? outcome.result : unbaselined(outcome);
  return uniqueNotices(withoutSuppressed(reported).notices);
}

export function noticeLine(notice: Notice): string {
  return `flowguard: note: ${notice.file ? `${notice.file}: ` : ''}${notice.message}\n`;
}
