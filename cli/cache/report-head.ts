import { REPORT_MAC } from './report-mac';
import { BadCache, isCount, isObject, isString } from './validate';

// An unchanged rerun used to decode every unit's findings from the cache and render the report
// again: for 1,000 generated flows, a 2.9 MB body parsed and checked, 7.8 MB of JSON rendered, and
// the garbage of both, 120 of a 200 ms run. The cache now also keeps the report the last run
// printed, with what it wrote to standard error and its exit code, after the third line. Its key
// (report-mac.ts) is a MAC under the user's own secret (user-secret.ts) of everything the
// report came from: the cache's key, each unit's hash, which entries it was rendered with (their
// lengths and the third line's sha1), every option and setting that shapes the report
// (report-key.ts), and the report itself. A rerun of the same user with all of them the same
// prints it again without reading the entries.

/** What the head says of the report it keeps after the third line. */

export interface ReportHead {
  /** report-mac.ts: a MAC of the run's key, which entries the report was rendered from, and the report (store.ts reportAbout). */
  key: string;
  /** The report's length in bytes: it follows the third line's newline to the end of the file. */
  length: number;
  /** What the run wrote to standard error once it had its findings: before the report (its notes) and after it; and its exit code. */
  notes: string;
  after: string;
  exit: number;
}

/** The report a run printed, to keep or as kept. */
export interface StoredReport {
  /** The report as UTF-8, as it was printed. */
  text: Uint8Array;
  notes: string;
  after: string;
  exit: number;
}

export function checkReportHead(value: unknown): ReportHead {
  if (
    !isObject(value) ||
    typeof value.key !== 'string' ||
    !REPORT_MAC.test(value.key) ||
    !isCount(value.length) ||
    !isString(value.notes) ||
    !isString(value.after) ||
    !isCount(value.exit) ||
    (value.exit as number) > 255
  ) {
    throw new BadCache('its report head is out of shape');
  }
  return { key: value.key, length: value.length as number, notes: value.notes as string, after: value.after as string, exit: value.exit as number };
}
