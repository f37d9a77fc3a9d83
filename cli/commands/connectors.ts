import { formatConnectorsCsv } from '../connectors/format-csv';
import { formatConnectorsJson } from '../connectors/format-json';
import { formatConnectorsTable } from '../connectors/format-table';
import { buildInventory } from '../connectors/inventory';
import { EXIT_OK, EXIT_USAGE } from '../exit-code';
import { uniqueNotices } from '../format/notices';
import { oneBased } from '../format/position';
import type { CliIO } from '../io';
import { formatArg, parseCommandLine, PROJECT_OPTIONS, projectArgs } from '../options';
import { writeReport } from '../output';
import { loadCliProject, loadWorkspace } from '../project';

export const CONNECTORS_FORMATS = ['table', 'json', 'csv'] as const;

export const CONNECTORS_USAGE = `Usage: flowguard connectors [PATH...] [options]

Lists every flow with the connectors it uses, each connector's DLP group under every policy
that applies (Business, Non-Business or Blocked; '(default)' when the policy does not list it
and it falls into the policy's default group), and the triggers and actions using it.

Options:
  -f, --format FORMAT       table (default), json or csv
  -o, --output FILE         write the inventory to FILE instead of standard output
  --policy FILE             DLP policy file (repeatable; adds to flowguard.json's)
  --config FILE             use this flowguard.json instead of searching upwards
  --environment NAME        environment the flows deploy to (selects scoped policies)
  -h, --help                show this help

Exit codes: 0 listed; 2 usage, configuration or unreadable input.`;

const OPTIONS = {
  policy: PROJECT_OPTIONS.policy,
  config: PROJECT_OPTIONS.config,
  environment: PROJECT_OPTIONS.environment,
  help: PROJECT_OPTIONS.help,
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
} as const;

export async function connectorsCommand(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv, OPTIONS, CONNECTORS_USAGE);
  const v = parsed.values;
  if (v.help) {
    io.stdout(`${CONNECTORS_USAGE}\n`);
    return EXIT_OK;
  }
  const format = formatArg(v.format, CONNECTORS_FORMATS, CONNECTORS_USAGE);
  const args = projectArgs(v, parsed.positionals, CONNECTORS_USAGE);
  const project = await loadCliProject(args, io.cwd);
  const ws = await loadWorkspace(project, args.paths, io.cwd);
  const inventory = buildInventory(ws, project);
  const notices = project.applicable.length === 0 ? [...ws.notices, { message: 'No DLP policy applies, so no groups are shown. Add "policies" to flowguard.json or pass --policy FILE.' }] : ws.notices;
  const report = format === 'table' ? formatConnectorsTable(inventory, notices) : format === 'json' ? formatConnectorsJson(inventory) : formatConnectorsCsv(inventory);
  if (format !== 'table') for (const n of uniqueNotices(notices)) io.stderr(`flowguard: note: ${n.file ? `${n.file}: ` : ''}${n.message}\n`);
  for (const u of ws.unreadable) io.stderr(`flowguard: ${u.file}:${oneBased(u.range).line}:${oneBased(u.range).column}: ${u.message}\n`);
  await writeReport(report, v.output, io);
  return ws.unreadable.length > 0 ? EXIT_USAGE : EXIT_OK;
}
