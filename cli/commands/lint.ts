import * as path from 'node:path';
import type { LintResult } from '../../core/engine/result';
import type { Notice } from '../../core/findings';
import type { Project } from '../../core/project/load';
import type { Workspace } from '../../core/workspace/collector';
import type { CliOptions } from '../args';
import { baselineNotice, matchBaseline } from '../baseline/apply';
import { exitCodeOf, tooManyWarnings } from '../exit-code';
import { fixAndRelint } from '../fix';
import { fixDryRun } from '../fix-dry-run';
import { hookTargets, isNamed, onlyNamed } from '../hook-targets';
import type { CliIO } from '../io';
import { lintStdin } from '../lint-stdin';
import { writeReport } from '../output';
import { lintLoaded, lintPaths, loadCliProject, type Linted, type LintPathsOptions } from '../project';
import { noticeLine, renderReport, stderrNotices, unbaselined, type LintOutcome } from '../report';
import { sarifRoot } from '../sarif-root';
import { reportSettings, type RenderSettings } from '../cache/report-key';
import { lintUnits, unitsApply, type ReportReprint, type UnitsRun } from '../units/lint-units';
import { checkMatched, checkMatchedFiles, existingPaths } from '../unmatched';

function lintOptionsOf(options: CliOptions): LintPathsOptions {
  // Only --fix and --fix-dry-run use fixes (no report format shows them) and the flows after the lint.
  const fixing = options.fix === true || options.fixDryRun === true;
  return { overrides: options.rules, ignoreSuppressions: options.noSuppressions, fixes: fixing, release: !fixing };
}

/** Loads and lints the paths given, or standard input, or with --hook the exports the changed files belong to. */
async function lintOnce(project: Project, options: CliOptions, io: CliIO): Promise<Linted> {
  const lintOptions = lintOptionsOf(options);
  if (options.stdin) return lintStdin(project, { name: options.stdinFilename, allowUnmatched: options.noErrorOnUnmatchedPattern ?? false }, io, lintOptions);
  if (!options.hook) return lintPaths(project, options.paths, io.cwd, lintOptions);
  const targets = hookTargets(options.paths, io.cwd);
  // The exports the staged files belong to are loaded whole, but only the staged flows are linted:
  // the report keeps their findings alone. A pre-commit run on one flow of a solution of 1,000.
  const linted = await lintPaths(project, targets.paths, io.cwd, { ...lintOptions, alsoIgnore: targets.skip, lintOnly: isNamed(targets, io.cwd) });
  return { ws: linted.ws, result: onlyNamed(linted.result, targets, io.cwd) };
}

/** Lints a workspace already in memory as lintOnce lints what it loads: with --hook, only the files named are kept. */
function relintWith(project: Project, options: CliOptions, io: CliIO): (ws: Workspace) => Linted {
  const lintOptions = lintOptionsOf(options);
  const targets = options.hook ? hookTargets(options.paths, io.cwd) : undefined;
  return (ws) => {
    const linted = lintLoaded(ws, project, lintOptions);
    return targets ? { ws, result: onlyNamed(linted.result, targets, io.cwd) } : linted;
  };
}

/** Fixes are written only inside what was named (a symlinked file or folder may lead elsewhere). */
function fixRoots(options: CliOptions, cwd: string): string[] {
  return (options.paths.length > 0 ? options.paths : ['.']).map((p) => path.resolve(cwd, p));
}

/** A lint run, and with --fix-dry-run the edits --fix would make, as a unified diff. */
export interface LintRun extends LintOutcome {
  diff?: string;
}

function withNotices(result: LintResult, notices: Notice[]): LintResult {
  return notices.length === 0 ? result : { ...result, notices: [...result.notices, ...notices] };
}

interface LintedResult extends Pick<UnitsRun, 'keepReport'> {
  result: LintResult;
  diff?: string;
}

/**
 * The findings of the run, with --fix those that remain, with --fix-dry-run and the diff; given
 * the report's settings (cli/cache/report-key.ts), an unchanged --cache rerun's kept report.
 */
async function lintedResult(project: Project, options: CliOptions, io: CliIO, settings?: string): Promise<LintedResult | ReportReprint> {
  // --threads and --cache lint unit by unit (cli/units/), to the same report; undefined when they do not apply.
  const units = await lintUnits(project, options, io, settings);
  if (units && 'stored' in units) return units;
  if (units) {
    if (!options.noErrorOnUnmatchedPattern) checkMatchedFiles(options.paths, units.exportFiles, io.cwd);
    return { result: units.result, ...(units.keepReport ? { keepReport: units.keepReport } : {}) };
  }
  let linted = await lintOnce(project, options, io);
  // A hook is handed any staged file, and standard input checks itself.
  if (!options.hook && !options.stdin && !options.noErrorOnUnmatchedPattern) checkMatched(options.paths, linted.ws, io.cwd);
  let result = linted.result;
  if (options.fix) {
    const fixed = await fixAndRelint(linted, io.cwd, () => lintOnce(project, options, io), fixRoots(options, io.cwd));
    linted = fixed.linted;
    result = withNotices(linted.result, fixed.notices);
  }
  let diff: string | undefined;
  if (options.fixDryRun) {
    const dry = await fixDryRun(linted, relintWith(project, options, io), options.stdin ? { cwd: io.cwd } : { cwd: io.cwd, roots: fixRoots(options, io.cwd) });
    linted = dry.linted;
    result = withNotices(linted.result, dry.notices);
    diff = dry.diff;
  }
  return { result, ...(diff !== undefined ? { diff } : {}) };
}

/** A run to report, and with --cache a way to keep its report (lintedResult). */
type RunToReport = LintRun & Pick<LintedResult, 'keepReport'>;

async function outcomeOf(given: CliOptions, io: CliIO, settings?: string): Promise<RunToReport | ReportReprint> {
  // Paths that are not there are dropped only when unmatched paths are allowed; else each is reported unreadable.
  const options = given.noErrorOnUnmatchedPattern && !given.hook && !given.stdin ? { ...given, paths: await existingPaths(given.paths, io.cwd) } : given;
  // Standard input finds flowguard.json from the folder of the file it stands for.
  const project = await loadCliProject(options.stdin ? { ...options, paths: [options.stdinFilename ?? '.'] } : options, io.cwd);
  const linted = await lintedResult(project, options, io, settings);
  if ('stored' in linted) return linted;
  let result = linted.result;
  const diff = linted.diff;

  // Matched before --quiet drops anything, so fingerprints are numbered as in the baseline run.
  const baseline = options.baseline ? await matchBaseline(result.findings, options.baseline, io.cwd) : undefined;
  if (baseline) result = withNotices(result, [{ message: baselineNotice(baseline) }]);
  if (options.quiet) result = { ...result, findings: result.findings.filter((f) => f.severity === 'error' || f.suppressed) };
  return { result, ...(baseline ? { baselined: baseline.baselined } : {}), ...(diff !== undefined ? { diff } : {}), ...(linted.keepReport ? { keepReport: linted.keepReport } : {}) };
}

/**
 * Lint, optionally fix, compare with a baseline: the run every format reports from. The GitHub
 * Action calls this once and renders SARIF, annotations and a summary from the one outcome.
 */
export async function lintOutcome(given: CliOptions, io: CliIO): Promise<LintRun> {
  // No report settings: the outcome is always linted (or decoded from the cache), never a kept report.
  const outcome = await outcomeOf(given, io);
  if ('stored' in outcome) throw new Error('a kept report was given where findings were asked for');
  const { keepReport: _unused, ...run } = outcome;
  return run;
}

/** The default command: lint, report, exit code. */
export async function lintCommand(options: CliOptions, io: CliIO): Promise<number> {
  const render: RenderSettings = {
    color: options.color ?? (io.colorDefault && !options.output),
    cwd: io.cwd,
    ...(options.format === 'sarif' ? { sarifRoot: sarifRoot(io.cwd, options.sarifRoot) } : {}),
  };
  // With --cache, an unchanged rerun with the same settings prints the report the last one kept.
  const settings = options.cache && unitsApply(options) ? reportSettings(options, render, io.cwd) : undefined;
  const outcome = await outcomeOf(options, io, settings);
  if ('stored' in outcome) {
    const { stored } = outcome;
    if (stored.notes) io.stderr(stored.notes);
    await writeReport(stored.text, options.output, io);
    if (stored.after) io.stderr(stored.after);
    return stored.exit;
  }
  const report = outcome.diff ?? renderReport(outcome, options.format, render);
  // --fix-dry-run's output is the diff, so its notes go to standard error, as those of json do.
  const notes = stderrNotices(outcome, outcome.diff === undefined ? options.format : 'json').map(noticeLine).join('');
  if (notes) io.stderr(notes);
  await writeReport(report, options.output, io);
  const remaining = unbaselined(outcome);
  const tooMany = tooManyWarnings(remaining, options.maxWarnings);
  const after = tooMany ? `flowguard: ${tooMany}\n` : '';
  if (after) io.stderr(after);
  const exit = exitCodeOf(remaining, options.maxWarnings);
  if (outcome.keepReport) await outcome.keepReport({ text: Buffer.from(report, 'utf8'), notes, after, exit });
  return exit;
}
