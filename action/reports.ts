import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FormatName } from '../cli/args';
import { noticeLine, renderReport, stderrNotices, type LintOutcome } from '../cli/report';
import { sarifRoot } from '../cli/sarif-root';
import { writeOutputFile } from '../cli/write-output';
import type { ActionInputs } from './inputs';

// Every report of a run comes from its one lint: SARIF for code scanning, the annotations, the
// log's report and the job summary. The annotations are also written to a file, so that when the
// upload fails action.yml prints them instead, from this same run, without linting again.

export interface WrittenReports {
  /** Absolute path of the SARIF file. */
  sarif: string;
  annotations: string;
  annotationsFile: string;
}

export async function writeReports(outcome: LintOutcome, inputs: ActionInputs, cwd: string, env: NodeJS.ProcessEnv): Promise<WrittenReports> {
  // RUNNER_TEMP is emptied after each job; a folder of its own keeps two FlowGuard steps apart.
  const dir = mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'flowguard-'));
  const sarif = inputs.sarifFile ? path.resolve(cwd, inputs.sarifFile) : path.join(dir, 'flowguard.sarif');
  await writeOutputFile(sarif, renderReport(outcome, 'sarif', { color: false, cwd, sarifRoot: sarifRoot(cwd, undefined, env) }), 'sarif-file', cwd);
  const annotations = renderReport(outcome, 'github', { color: false, cwd });
  const annotationsFile = path.join(dir, 'annotations.txt');
  writeFileSync(annotationsFile, annotations, 'utf8');
  return { sarif, annotations, annotationsFile };
}

/**
 * The report for the log, with the notes the CLI would print beside it. Where the findings are
 * annotated, the annotations are the report (each finding once in the log too) unless the
 * `format` input asks for another; where they go to code scanning, it is stylish. `github` (the
 * log format of earlier releases) means the annotations, which follow upload-sarif.
 */
export function logReport(outcome: LintOutcome, format: FormatName | undefined, annotated: boolean, cwd: string, env: NodeJS.ProcessEnv): string {
  const shown: FormatName | undefined = format === undefined || format === 'github' ? (annotated ? undefined : 'stylish') : format;
  if (shown === undefined) return stderrNotices(outcome, 'github').map(noticeLine).join('');
  const options = { color: false, cwd, ...(shown === 'sarif' ? { sarifRoot: sarifRoot(cwd, undefined, env) } : {}) };
  return renderReport(outcome, shown, options) + stderrNotices(outcome, shown).map(noticeLine).join('');
}

/** The pull-request comment report, which opens with its own heading, for the run's summary page. */
export function jobSummary(outcome: LintOutcome, cwd: string): string {
  return renderReport(outcome, 'markdown', { color: false, cwd });
}
