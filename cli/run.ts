import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ArtifactError } from '../core/artifacts/source';
import { unknownRuleErrors } from '../core/config/rule-ids';
import type { Config } from '../core/config/types';
import { lintWorkspace } from '../core/engine/lint-workspace';
import { ignoreMatcher } from '../core/project/glob';
import { loadProject } from '../core/project/load';
import { loadPaths } from '../core/workspace/load-paths';
import { allRules } from '../rules';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { EXIT_OK, EXIT_USAGE, exitCodeOf } from './exit-code';
import { formatters, withoutSuppressed } from './format';
import { version } from './version';

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal that shows colours. */
  colorDefault: boolean;
}

const KNOWN_RULES = new Set(allRules.map((r) => r.meta.id));

function checkRuleIds(ids: string[], where: string): void {
  const unknown = ids.filter((id) => !KNOWN_RULES.has(id));
  if (unknown.length > 0) throw new UsageError(`Unknown rule ${unknown.map((id) => `"${id}"`).join(', ')} in ${where}. Rules: ${[...KNOWN_RULES].join(', ')}.`);
}

function checkConfigRuleIds(config: Config): void {
  const [first] = unknownRuleErrors(config, KNOWN_RULES);
  if (first) throw first;
}

function describeError(error: ArtifactError): string {
  if (error.message.startsWith(`${error.file}:`)) return `flowguard: ${error.message}`;
  if (!error.source) return `flowguard: ${error.message}`;
  const { line, character } = error.range.start;
  return `flowguard: ${error.file}:${line + 1}:${character + 1}: ${error.message}`;
}

async function lint(options: CliOptions, io: CliIO): Promise<number> {
  checkRuleIds(Object.keys(options.rules), '--rule');
  const project = await loadProject({
    cwd: io.cwd,
    configFile: options.config,
    searchFrom: path.resolve(io.cwd, options.paths[0] ?? '.'),
    policies: options.policies,
    environment: options.environment,
  });
  checkConfigRuleIds(project.config);
  const ws = await loadPaths(options.paths, {
    cwd: io.cwd,
    ignore: ignoreMatcher(project.config.root, project.config.ignore),
    maxFiles: 200_000,
  });
  const result = lintWorkspace(ws, project, allRules, { overrides: options.rules, ignoreSuppressions: options.noSuppressions });
  if (options.quiet) result.findings = result.findings.filter((f) => f.severity === 'error' || f.suppressed);
  const report = formatters[options.format](result, { color: options.color ?? (io.colorDefault && !options.output), cwd: io.cwd, version });
  if (options.format !== 'stylish') for (const n of withoutSuppressed(result).notices) io.stderr(`flowguard: note: ${n.file ? `${n.file}: ` : ''}${n.message}\n`);
  if (options.output) {
    await fs.mkdir(path.dirname(path.resolve(io.cwd, options.output)), { recursive: true });
    await fs.writeFile(path.resolve(io.cwd, options.output), report);
  } else {
    io.stdout(report);
  }
  return exitCodeOf(result, options.maxWarnings);
}

/** The whole command: arguments in, exit code out; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (options.version) {
      io.stdout(`${version}\n`);
      return EXIT_OK;
    }
    return await lint(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`flowguard: ${error.message}\n\n${USAGE}\n`);
    } else if (error instanceof ArtifactError) {
      io.stderr(`${describeError(error)}\n`);
    } else {
      io.stderr(`flowguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return EXIT_USAGE;
  }
}
