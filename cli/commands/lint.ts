import * as path from 'node:path';
import type { LintResult } from '../../core/engine/result';
import type { Finding, Notice } from '../../core/findings';
import type { Project } from '../../core/project/load';
import type { CliOptions } from '../args';
import { baselineNotice, matchBaseline } from '../baseline/apply';
import { exitCodeOf } from '../exit-code';
import { fixAndRelint } from '../fix';
import { formatters, NOTICES_IN_REPORT, withoutSuppressed } from '../format';
import { uniqueNotices } from '../format/notices';
import { hookTargets, onlyNamed } from '../hook-targets';
import type { CliIO } from '../io';
import { writeReport } from '../output';
import { lintPaths, loadCliProject, type Linted } from '../project';
import { version } from '../version';

/** Loads and lints the paths given, or with --hook the exports the changed files belong to. */
async function lintOnce(project: Project, options: CliOptions, io: CliIO): Promise<Linted> {
  const lintOptions = { overrides: options.rules, ignoreSuppressions: options.noSuppressions };
  if (!options.hook) return lintPaths(project, options.paths, io.cwd, lintOptions);
  const targets = hookTargets(options.paths, io.cwd);
  const linted = await lintPaths(project, targets.paths, io.cwd, { ...lintOptions, alsoIgnore: targets.skip });
  return { ws: linted.ws, result: onlyNamed(linted.result, targets, io.cwd) };
}

function withNotices(result: LintResult, notices: Notice[]): LintResult {
  return notices.length === 0 ? result : { ...result, notices: [...result.notices, ...notices] };
}

function without(result: LintResult, drop: ReadonlySet<Finding>): LintResult {
  return drop.size === 0 ? result : { ...result, findings: result.findings.filter((f) => !drop.has(f)) };
}

/** The default command: lint, optionally fix, compare with a baseline, report, exit code. */
export async function lintCommand(options: CliOptions, io: CliIO): Promise<number> {
  const project = await loadCliProject(options, io.cwd);
  let linted = await lintOnce(project, options, io);
  let result = linted.result;
  if (options.fix) {
    // Fixes are written only inside what was named (a symlinked file or folder may lead elsewhere).
    const roots = (options.paths.length > 0 ? options.paths : ['.']).map((p) => path.resolve(io.cwd, p));
    const fixed = await fixAndRelint(linted, io.cwd, () => lintOnce(project, options, io), roots);
    linted = fixed.linted;
    result = withNotices(linted.result, fixed.notices);
  }

  // Matched before --quiet drops anything, so fingerprints are numbered as in the baseline run.
  const baseline = options.baseline ? await matchBaseline(result.findings, options.baseline, io.cwd) : undefined;
  if (baseline) result = withNotices(result, [{ message: baselineNotice(baseline) }]);
  if (options.quiet) result = { ...result, findings: result.findings.filter((f) => f.severity === 'error' || f.suppressed) };
  const baselined = baseline?.baselined ?? new Set<Finding>();

  // SARIF keeps baselined results, marked 'unchanged'; every other format leaves them out.
  const reported = options.format === 'sarif' ? result : without(result, baselined);
  const report = formatters[options.format](reported, {
    color: options.color ?? (io.colorDefault && !options.output),
    cwd: io.cwd,
    version,
    ...(baseline ? { baselined } : {}),
  });
  if (!NOTICES_IN_REPORT.has(options.format)) {
    for (const n of uniqueNotices(withoutSuppressed(reported).notices)) io.stderr(`flowguard: note: ${n.file ? `${n.file}: ` : ''}${n.message}\n`);
  }
  await writeReport(report, options.output, io);
  return exitCodeOf(without(result, baselined), options.maxWarnings);
}
