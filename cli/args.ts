import { parseArgs } from 'node:util';
import type { RuleSetting } from '../core/config/types';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliOptions {
  paths: string[];
  policies: string[];
  config?: string;
  environment?: string;
  format: FormatName;
  output?: string;
  maxWarnings: number;
  quiet: boolean;
  rules: Record<string, RuleSetting>;
  color?: boolean;
  /** Report suppressed findings too, for an audit. */
  noSuppressions: boolean;
  help: boolean;
  version: boolean;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: flowguard [PATH...] [options]

Lints exported Power Automate flows, solutions (folders or .zip) and legacy packages.
PATH defaults to the current folder.

Options:
  --policy FILE             DLP policy file (repeatable; adds to flowguard.json's)
  --config FILE             use this flowguard.json instead of searching upwards
  --environment NAME        environment the flows deploy to (selects scoped policies)
  --format FORMAT           stylish (default), json or sarif
  --output FILE             write the report to FILE instead of standard output
  --max-warnings N          exit 1 when there are more than N warnings (default: no limit)
  --quiet                   report errors only
  --rule ID=SEVERITY        set a rule to off, info, warning or error (repeatable)
  --no-suppressions         also report findings that flowguard.json or action notes suppress
  --color, --no-color       force or disable colours in stylish output
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors (and warnings within --max-warnings); 1 findings over the limit;
2 usage, configuration or unreadable input.`;

const SETTINGS = new Set(['off', 'info', 'warning', 'error']);

function parseRule(text: string, into: Record<string, RuleSetting>): void {
  const eq = text.lastIndexOf('=');
  const id = text.slice(0, eq).trim();
  const setting = text.slice(eq + 1).trim();
  if (eq <= 0 || !SETTINGS.has(setting)) throw new UsageError(`--rule expects ID=off|info|warning|error, got "${text}".`);
  into[id] = setting as RuleSetting;
}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        policy: { type: 'string', multiple: true },
        config: { type: 'string' },
        environment: { type: 'string' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'no-suppressions': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  const format = (v.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${v.format}".`);
  let maxWarnings = -1;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings expects a whole number, got "${v['max-warnings']}".`);
  }
  const rules: Record<string, RuleSetting> = {};
  for (const r of v.rule ?? []) parseRule(r, rules);
  return {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    policies: v.policy ?? [],
    config: v.config,
    environment: v.environment,
    format,
    output: v.output,
    maxWarnings,
    quiet: v.quiet ?? false,
    rules,
    color: v['no-color'] ? false : v.color,
    noSuppressions: v['no-suppressions'] ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
