import { formatArg, parseCommandLine, PROJECT_OPTIONS, projectArgs, type ProjectArgs } from './options';
import { UsageError } from './errors';

export { UsageError } from './errors';

/** The names are part of the CLI's contract (`--format <name>`); keep them stable. */
export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliOptions extends ProjectArgs {
  format: FormatName;
  output?: string;
  maxWarnings: number;
  quiet: boolean;
  color?: boolean;
  /** Report suppressed findings too, for an audit. */
  noSuppressions: boolean;
  /** Report only findings that this baseline file does not record. */
  baseline?: string;
  /** Apply the safe fixes, then report what remains. */
  fix: boolean;
  /** PATHs are the changed files a git hook passes (see cli/hook-targets.ts). */
  hook: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: flowguard [PATH...] [options]
       flowguard review --base REF [PATH...]     what a change does to security, against git REF
       flowguard connectors [PATH...]            every flow's connectors and their DLP groups
       flowguard baseline [PATH...]              record today's findings, to report only new ones

Lints exported Power Automate flows, solutions (folders or .zip) and legacy packages.
PATH defaults to the current folder; name a folder called 'review' as ./review.
'flowguard COMMAND --help' describes each command.

Options:
  --policy FILE             DLP policy file (repeatable; adds to flowguard.json's)
  --config FILE             use this flowguard.json instead of searching upwards
  --environment NAME        environment the flows deploy to (selects scoped policies)
  --format FORMAT           stylish (default), json, sarif, github, junit or markdown
  --output FILE             write the report to FILE instead of standard output
  --max-warnings N          exit 1 when there are more than N warnings (default: no limit)
  --quiet                   report errors only
  --rule ID=SEVERITY        set a rule to off, info, warning or error (repeatable)
  --no-suppressions         also report findings that flowguard.json or action notes suppress
  --baseline FILE           report only findings that FILE (from 'flowguard baseline') does not record
  --fix                     apply the safe fixes in place, then report what remains
  --hook                    PATHs are changed files from a git hook: skip files that are not
                            exports, lint a file inside an unpacked solution with its solution
  --color, --no-color       force or disable colours in stylish output
  -h, --help                show this help
  -v, --version             show the version

Formats: stylish for people; json for scripts; sarif for code scanning; github for workflow
annotations; junit for CI test reports; markdown for a pull-request comment.

Exit codes: 0 no errors (and warnings within --max-warnings); 1 findings over the limit;
2 usage, configuration or unreadable input.`;

const OPTIONS = {
  ...PROJECT_OPTIONS,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'no-suppressions': { type: 'boolean' },
  baseline: { type: 'string' },
  fix: { type: 'boolean' },
  hook: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
} as const;

function maxWarningsArg(value: string | undefined): number {
  if (value === undefined) return -1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) throw new UsageError(`--max-warnings expects a whole number, got "${value}".`);
  return n;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const parsed = parseCommandLine(argv, OPTIONS, USAGE);
  const v = parsed.values;
  return {
    ...projectArgs(v, parsed.positionals, USAGE),
    format: formatArg(v.format, FORMATS, USAGE),
    output: v.output,
    maxWarnings: maxWarningsArg(v['max-warnings']),
    quiet: v.quiet ?? false,
    color: v['no-color'] ? false : v.color,
    noSuppressions: v['no-suppressions'] ?? false,
    baseline: v.baseline,
    fix: v.fix ?? false,
    hook: v.hook ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
