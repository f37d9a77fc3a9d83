import { writeOutputFile } from '../write-output';
import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import { DEFAULT_BASELINE, serializeBaseline, type BaselineEntry } from '../baseline/file';
import { fingerprintFindings, relativeTo } from '../baseline/fingerprints';
import { CliError } from '../errors';
import { oneBased } from '../format/position';
import type { CliIO } from '../io';
import { parseCommandLine, PROJECT_OPTIONS, projectArgs } from '../options';
import { lintPaths, loadCliProject } from '../project';

export const BASELINE_USAGE = `Usage: flowguard baseline [PATH...] [options]

Records today's findings in a baseline file, so that later runs with --baseline FILE report only
findings that are new. Findings are recorded by fingerprint (rule, file, flow, action and
connector, not the line), so they stay recognised when lines move; no message is recorded.
Suppressed findings are not recorded: they are already accepted.

Options:
  -o, --output FILE         where to write the baseline (default: ${DEFAULT_BASELINE})
  --policy FILE             DLP policy file (repeatable; adds to flowguard.json's)
  --config FILE             use this flowguard.json instead of searching upwards
  --environment NAME        environment the flows deploy to (selects scoped policies)
  --rule ID=SEVERITY        set a rule to off, info, warning or error (repeatable)
  -h, --help                show this help

Then: flowguard --baseline ${DEFAULT_BASELINE} [PATH...]

Exit codes: 0 recorded; 2 usage, configuration or unreadable input (nothing is written).`;

const OPTIONS = { ...PROJECT_OPTIONS, output: { type: 'string', short: 'o' } } as const;

export async function baselineCommand(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv, OPTIONS, BASELINE_USAGE);
  if (parsed.values.help) {
    io.stdout(`${BASELINE_USAGE}\n`);
    return 0;
  }
  const args = projectArgs(parsed.values, parsed.positionals, BASELINE_USAGE);
  const project = await loadCliProject(args, io.cwd);
  const { result } = await lintPaths(project, args.paths, io.cwd, { overrides: args.rules, fixes: false, release: true });
  if (result.unreadable.length > 0) {
    // A baseline without these files' findings would later report them all as new.
    const list = result.unreadable.map((u) => `  ${u.file}:${oneBased(u.range).line}: ${u.message}`).join('\n');
    throw new CliError(`no baseline written: ${result.unreadable.length} file${result.unreadable.length === 1 ? '' : 's'} could not be read:\n${list}`);
  }
  const abs = path.resolve(io.cwd, parsed.values.output ?? DEFAULT_BASELINE);
  const relocate = relativeTo(path.dirname(abs), io.cwd);
  const fingerprints = fingerprintFindings(result.findings, (f) => ({ ...f, file: relocate(f.file) }));
  const entries: BaselineEntry[] = result.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({ fingerprint: fingerprints.get(f)!, ruleId: f.ruleId, file: relocate(f.file), flow: f.flow ?? null, action: f.action ?? null }));
  await writeOutputFile(abs, serializeBaseline(entries), 'baseline', io.cwd);
  const display = displayPath(abs, io.cwd);
  io.stdout(`Recorded ${entries.length} finding${entries.length === 1 ? '' : 's'} in ${display}; 'flowguard --baseline ${display}' now reports only new ones.\n`);
  return 0;
}
