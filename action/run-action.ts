import { parseCliArgs } from '../cli/args';
import { lintOutcome } from '../cli/commands/lint';
import { EXIT_OK, EXIT_USAGE, exitCodeOf, tooManyWarnings } from '../cli/exit-code';
import { countBySeverity } from '../cli/format/counts';
import { escapeData } from '../cli/format/github';
import type { CliIO } from '../cli/io';
import { unbaselined } from '../cli/report';
import { version } from '../cli/version';
import { cliArgv, shellQuote } from './argv';
import { stepExitCode } from './fail-on';
import { failureMessage } from './failure';
import { readInputs } from './inputs';
import { inertText } from './log';
import { jobSummary, logReport, writeReports } from './reports';
import { runContext } from './run-context';
import { decideUpload } from './upload-decision';
import { writeOutputs, writeSummary } from './workflow-files';

/** What the runner gives the Lint step of action.yml. */
export interface ActionIO {
  /** The working folder: the workspace, where the repository is checked out. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Standard output, which the runner reads workflow commands from. */
  write: (text: string) => void;
  /** The CLI launcher beside the action's bundle, given to later steps as the `cli` output. */
  cliPath?: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

async function lintAndReport(io: ActionIO, always: Record<string, string>): Promise<number> {
  const inputs = readInputs(io.env);
  const argv = cliArgv(inputs);
  const options = parseCliArgs(argv);
  io.write(inertText(`FlowGuard ${version}: flowguard ${argv.map(shellQuote).join(' ')}\n`));
  let printed = '';
  const cliIO: CliIO = { cwd: io.cwd, stdout: (t) => (printed += t), stderr: (t) => (printed += t), colorDefault: false };
  const outcome = await lintOutcome(options, cliIO);

  const reports = await writeReports(outcome, inputs, io.cwd, io.env);
  const decision = decideUpload(inputs.uploadSarif, runContext(io.env));
  io.write(inertText(printed + logReport(outcome, inputs.format, !decision.upload, io.cwd, io.env)));
  const active = unbaselined(outcome);
  if (!decision.upload) {
    io.write(reports.annotations);
  } else if (active.unreadable.length > 0) {
    // Code scanning shows results, not the files FlowGuard could not read: those are annotated.
    const files = active.unreadable.map((u) => u.file).join(', ');
    io.write(`::error title=FlowGuard::${escapeData(`FlowGuard could not read ${plural(active.unreadable.length, 'file')}: ${files}.`)}\n`);
  }
  io.write(inertText(`FlowGuard: ${decision.upload ? 'uploading the findings to code scanning' : 'annotating the findings'}: ${decision.reason}.\n`));
  writeSummary(io.env.GITHUB_STEP_SUMMARY, jobSummary(outcome, io.cwd));

  const flowguardExit = exitCodeOf(active, options.maxWarnings);
  const counts = countBySeverity(active.findings.filter((f) => !f.suppressed));
  const step = stepExitCode(inputs.failOn, flowguardExit, counts);
  writeOutputs(io.env.GITHUB_OUTPUT, {
    ...always,
    'exit-code': String(flowguardExit),
    errors: String(counts.errors),
    warnings: String(counts.warnings),
    'sarif-file': reports.sarif,
    'upload-sarif': String(decision.upload),
    'annotations-file': reports.annotationsFile,
  });
  if (step === EXIT_USAGE) {
    io.write(`FlowGuard could not read ${plural(active.unreadable.length, 'file')}; the report above says which.\n`);
  } else if (step !== EXIT_OK) {
    const why = tooManyWarnings(active, options.maxWarnings);
    io.write(`FlowGuard fails this step: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} (fail-on: ${inputs.failOn}${why ? `; ${why}` : ''}).\n`);
  }
  return step;
}

/**
 * The action's Lint step: inputs in, one lint, every report written from it, outputs and the
 * step's exit code out. Never throws: a run that cannot start is one `::error` and exit code 2.
 */
export async function runAction(io: ActionIO): Promise<number> {
  const always: Record<string, string> = io.cliPath ? { cli: io.cliPath } : {};
  try {
    return await lintAndReport(io, always);
  } catch (error) {
    io.write(`::error title=FlowGuard::${escapeData(failureMessage(error))}\n`);
    writeOutputs(io.env.GITHUB_OUTPUT, { ...always, 'exit-code': String(EXIT_USAGE), 'upload-sarif': 'false' });
    return EXIT_USAGE;
  }
}
