import * as path from 'node:path';
import { CliError, UsageError } from '../errors';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-code';
import type { CliIO } from '../io';
import { formatArg, parseCommandLine, PROJECT_OPTIONS, projectArgs } from '../options';
import { writeReport } from '../output';
import { lintPaths, loadCliProject } from '../project';
import { compareSides } from '../review/compare';
import { formatReviewJson } from '../review/format-json';
import { formatReviewMarkdown } from '../review/format-markdown';
import { formatReviewStylish } from '../review/format-stylish';
import { repositoryRoot } from '../review/git';
import { exists, lintBase } from '../review/sides';
import { reviewTotals } from '../review/summary';

export const REVIEW_FORMATS = ['stylish', 'json', 'markdown'] as const;

export const REVIEW_USAGE = `Usage: flowguard review --base REF [PATH...] [options]

Shows what the work tree changes, security-wise, compared with git revision REF: per flow, the
connectors added and removed with their DLP group, and the findings that are new and fixed.
Both sides are linted with the work tree's flowguard.json and policies. Flows are matched by
flow id, else by file, else by display name; findings by rule, flow, action and connector.

Options:
  --base REF                the git revision to compare with (branch, tag or commit; required)
  -f, --format FORMAT       stylish (default), json or markdown (a pull-request comment)
  -o, --output FILE         write the review to FILE instead of standard output
  --policy FILE             DLP policy file (repeatable; adds to flowguard.json's)
  --config FILE             use this flowguard.json instead of searching upwards
  --environment NAME        environment the flows deploy to (selects scoped policies)
  --rule ID=SEVERITY        set a rule to off, info, warning or error (repeatable)
  --color, --no-color       force or disable colours in stylish output
  -h, --help                show this help

In a pull request:  flowguard review --base origin/\${{ github.base_ref }} --format markdown

Exit codes: 0 the change adds no error-level finding; 1 it adds at least one;
2 usage, git (not a repository, REF unknown), configuration or unreadable input.`;

const OPTIONS = {
  ...PROJECT_OPTIONS,
  base: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

export async function reviewCommand(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv, OPTIONS, REVIEW_USAGE);
  const v = parsed.values;
  if (v.help) {
    io.stdout(`${REVIEW_USAGE}\n`);
    return EXIT_OK;
  }
  if (!v.base) throw new UsageError('flowguard review needs --base REF, the git revision to compare with.', REVIEW_USAGE);
  const format = formatArg(v.format, REVIEW_FORMATS, REVIEW_USAGE);
  const args = projectArgs(v, parsed.positionals, REVIEW_USAGE);
  const root = await repositoryRoot(io.cwd);
  const project = await loadCliProject(args, io.cwd);
  const base = await lintBase(project, args, io.cwd, root, v.base);
  // A path the change deletes is only in the base: all its flows are removed.
  const inWorkTree = await Promise.all(args.paths.map((p) => exists(path.resolve(io.cwd, p))));
  const nowhere = args.paths.find((p, i) => !inWorkTree[i] && base.absent.includes(p));
  if (nowhere !== undefined) throw new CliError(`${nowhere}: no such file or folder, in the work tree or at ${v.base}.`);
  const headPaths = args.paths.filter((_, i) => inWorkTree[i]);
  const head = await lintPaths(project, headPaths, io.cwd, { overrides: args.rules });
  const report = compareSides(base.linted, head, project.applicable, { ref: v.base, commit: base.commit });

  const color = v['no-color'] ? false : (v.color ?? (io.colorDefault && !v.output));
  const text = format === 'json' ? formatReviewJson(report) : format === 'markdown' ? formatReviewMarkdown(report) : formatReviewStylish(report, color);
  if (format === 'json') for (const n of report.notices) io.stderr(`flowguard: note: ${n.file ? `${n.file}: ` : ''}${n.message}\n`);
  await writeReport(text, v.output, io);
  if (report.unreadable.length > 0) return EXIT_USAGE;
  return reviewTotals(report).new.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
