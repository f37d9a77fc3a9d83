import { allRules } from '../../rules';
import { EXIT_OK } from '../exit-code';
import type { CliIO } from '../io';
import { formatArg, parseCommandLine, PROJECT_OPTIONS } from '../options';
import { writeReport } from '../output';
import { formatRulesJson } from '../rules-list/format-json';
import { formatRulesTable } from '../rules-list/format-table';
import { UsageError } from '../errors';

export const RULES_FORMATS = ['table', 'json'] as const;

export const RULES_USAGE = `Usage: flowguard rules [options]

Lists every rule FlowGuard has, in id order: its id, default severity, category, whether it
offers a fix (applied by --fix when the fix is safe, else from the editor) and what it reports.

Options:
  -f, --format FORMAT       table (default) or json
  -o, --output FILE         write the list to FILE instead of standard output
  -h, --help                show this help

Exit codes: 0 listed; 2 usage, or an --output that cannot be written.`;

const OPTIONS = {
  help: PROJECT_OPTIONS.help,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
} as const;

export async function rulesCommand(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv, OPTIONS, RULES_USAGE);
  const v = parsed.values;
  if (v.help) {
    io.stdout(`${RULES_USAGE}\n`);
    return EXIT_OK;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`flowguard rules takes no paths, got "${parsed.positionals[0]}".`, RULES_USAGE);
  const format = formatArg(v.format, RULES_FORMATS, RULES_USAGE);
  const metas = allRules.map((r) => r.meta);
  await writeReport(format === 'json' ? formatRulesJson(metas) : formatRulesTable(metas), v.output, io);
  return EXIT_OK;
}
