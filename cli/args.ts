import { formatArg, parseCommandLine, PROJECT_OPTIONS, projectArgs, type ProjectArgs } from './options';
import { UsageError } from './errors';
import { checkCombinations } from './option-combinations';

export { UsageError } from './errors';

/** The names are part of the CLI's contract (`--format <name>`); keep them stable. */
export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown', 'compact'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliOptions extends ProjectArgs {
  format: FormatName;
  output?: string;
  maxWarnings: number;
  quiet: boolean;
  color?: boolean;
  /** Report suppressed findings too, for an audit. */
  noSuppressions: boolean;
  /** --sarif-root: the folder SARIF paths start from (default: the git work tree's top). */
  sarifRoot?: string;
  /** Report only findings that this baseline file does not record. */
  baseline?: string;
  /** Apply the safe fixes, then report what remains. */
  fix: boolean;
  /** Print the edits --fix would make, as a unified diff, and write nothing. */
  fixDryRun?: boolean;
  /** Lint standard input instead of PATHs. */
  stdin?: boolean;
  /** --stdin-filename: the file standard input stands for (how it is read, where flowguard.json is searched from). */
  stdinFilename?: string;
  /** --no-error-on-unmatched-pattern: a PATH with no export (or not there) is no error. */
  noErrorOnUnmatchedPattern?: boolean;
  /** PATHs are the changed files a git hook passes (see cli/hook-targets.ts). */
  hook: boolean;
  /** --threads N: worker threads to lint on; undefined chooses by the size of the run (cli/threads/share.ts). */
  threads?: number;
  /** --cache: reuse the results of files unchanged since the last run (cli/cache/). */
  cache: boolean;
  /** --cache-location: the cache file, or the folder that holds it (default: .flowguardcache in the current folder). */
  cacheLocation?: string;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: flowguard [PATH...] [options]
       flowguard review --base REF [PATH...]     what a change does to security, against git REF
       flowguard connectors [PATH...]            every flow's connectors and their DLP groups
       flowguard baseline [PATH...]              record today's findings, to report only new ones
       flowguard rules                           every rule: id, severity, category, fixable

Lints exported Power Automate flows, solutions (folders or .zip) and legacy packages.
PATH defaults to the current folder; name a folder called 'review' as ./review.
'flowguard COMMAND --help' describes each command.

Options:
  --policy FILE             DLP policy file (repeatable; adds to flowguard.json's)
  --config FILE             use this flowguard.json instead of searching upwards
  --environment NAME        environment the flows deploy to (selects scoped policies)
  -f, --format FORMAT       stylish (default), json, sarif, github, junit, markdown or compact
  -o, --output FILE         write the report to FILE instead of standard output
  --sarif-root DIR          sarif paths start at DIR (default: the top of the git work tree,
                            else GITHUB_WORKSPACE, else the current folder)
  --max-warnings N          exit 1 when there are more than N warnings (default: no limit)
  --quiet                   report errors only
  --rule ID=SEVERITY        set a rule to off, info, warning or error (repeatable)
  --no-suppressions         also report findings that flowguard.json or action notes suppress
  --baseline FILE           report only findings that FILE (from 'flowguard baseline') does not record
  --fix                     apply the safe fixes in place, then report what remains
  --fix-dry-run             print the edits --fix would make as a unified diff; write nothing
  --stdin                   lint standard input instead of PATHs
  --stdin-filename NAME     the file standard input stands for: it decides how the text is read,
                            is the path in the report, and flowguard.json is found from its folder
  --no-error-on-unmatched-pattern
                            a PATH with no flow export in it, or not there, is no error
  --hook                    PATHs are changed files from a git hook: skip files that are not
                            exports, lint a file inside an unpacked solution with its solution
  --threads N               lint on N threads; the report is the same (default: one, or on 3 or
                            more cores for a large run, up to one per core, at most 8)
  --cache                   keep results in a cache file and reuse those of unchanged files; a
                            change to flowguard.json, a policy, a rule flag or FlowGuard lints all
  --cache-location PATH     the cache file, or a folder for it (default: ./.flowguardcache)
  --color, --no-color       force or disable colours in stylish output (default: on a terminal,
                            unless NO_COLOR is set or TERM=dumb; FORCE_COLOR=1 forces, 0 disables)
  --debug                   print the stack trace of an internal error (any command)
  -h, --help                show this help
  -v, --version             show the version

Formats: stylish for people; json for scripts; sarif for code scanning; github for workflow
annotations; junit for CI test reports; markdown for a pull-request comment; compact, one line
per finding, for editors' tasks ($flowguard-compact in VS Code).

Exit codes: 0 no errors (and warnings within --max-warnings); 1 findings over the limit;
2 usage, configuration, unreadable input, or a PATH with no flow export.`;

const OPTIONS = {
  ...PROJECT_OPTIONS,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'sarif-root': { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'no-suppressions': { type: 'boolean' },
  baseline: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  hook: { type: 'boolean' },
  threads: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
} as const;

function maxWarningsArg(value: string | undefined): number {
  if (value === undefined) return -1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) throw new UsageError(`--max-warnings expects a whole number, got "${value}".`);
  return n;
}

/** More threads than this is a mistake: each holds a copy of what its solutions share. */
const MAX_THREADS = 64;

function threadsArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new UsageError(`--threads expects a whole number from 1 to ${MAX_THREADS}, got "${value}".`);
  return n;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const parsed = parseCommandLine(argv, OPTIONS, USAGE);
  const v = parsed.values;
  const options: CliOptions = {
    ...projectArgs(v, parsed.positionals, USAGE),
    format: formatArg(v.format, FORMATS, USAGE),
    output: v.output,
    sarifRoot: v['sarif-root'],
    maxWarnings: maxWarningsArg(v['max-warnings']),
    quiet: v.quiet ?? false,
    color: v['no-color'] ? false : v.color,
    noSuppressions: v['no-suppressions'] ?? false,
    baseline: v.baseline,
    fix: v.fix ?? false,
    fixDryRun: v['fix-dry-run'] ?? false,
    stdin: v.stdin ?? false,
    stdinFilename: v['stdin-filename'],
    noErrorOnUnmatchedPattern: v['no-error-on-unmatched-pattern'] ?? false,
    hook: v.hook ?? false,
    threads: threadsArg(v.threads),
    cache: v.cache ?? false,
    cacheLocation: v['cache-location'],
    help: v.help ?? false,
    version: v.version ?? false,
  };
  if (!options.help && !options.version) checkCombinations(options, parsed.positionals, USAGE);
  return options;
}
