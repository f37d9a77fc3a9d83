import { ArtifactError } from '../core/artifacts/source';
import { redactText } from '../core/secrets/redact';
import { parseCliArgs, USAGE } from './args';
import { baselineCommand } from './commands/baseline';
import { connectorsCommand } from './commands/connectors';
import type { reviewCommand as ReviewCommand } from './commands/review';
import { lintCommand } from './commands/lint';
import { rulesCommand } from './commands/rules';
import { takeDebugFlag } from './debug';
import { CliError, UsageError } from './errors';
import { EXIT_OK, EXIT_USAGE } from './exit-code';
import { visibleControls } from './format/control-text';
import { describeInternalError } from './internal-error';
import type { CliIO } from './io';
import { version } from './version';

export type { CliIO } from './io';

/**
 * Subcommands are read before any option; every other first word is a path for the default
 * lint command (a folder named 'review' is linted as ./review).
 */
const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  // Loaded when asked for: it brings git's child processes, which a lint never needs (1 to 3 ms of every start).
  review: (argv, io) => (require('./commands/review') as { reviewCommand: typeof ReviewCommand }).reviewCommand(argv, io),
  connectors: connectorsCommand,
  baseline: baselineCommand,
  rules: rulesCommand,
};

async function lint(argv: string[], io: CliIO): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  return lintCommand(options, io);
}

export function describeError(error: ArtifactError): string {
  if (error.message.startsWith(`${error.file}:`)) return `flowguard: ${error.message}`;
  if (!error.source) return `flowguard: ${error.message}`;
  const { line, character } = error.range.start;
  return `flowguard: ${error.file}:${line + 1}:${character + 1}: ${error.message}`;
}

/** A usage error names the problem and where to read the whole usage, on one line. */
function describeUsageError(error: UsageError): string {
  // The message may quote an argument: a pasted credential, or an escape sequence for the terminal.
  return `flowguard: ${visibleControls(redactText(error.message)).replace(/\.$/, '')}; see ${error.helpCommand}\n`;
}

/** The whole command: arguments in, exit code out; never throws. */
export async function runCli(args: string[], io: CliIO): Promise<number> {
  const { argv, debug } = takeDebugFlag(args);
  try {
    const [first, ...rest] = argv;
    const command = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first]! : undefined;
    return await (command ? command(rest, io) : lint(argv, io));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(describeUsageError(error));
    } else if (error instanceof CliError) {
      io.stderr(`flowguard: ${redactText(error.message)}\n`);
    } else if (error instanceof ArtifactError) {
      // Loaders quote what they could not read; a value may be a credential.
      io.stderr(`${redactText(describeError(error))}\n`);
    } else {
      io.stderr(describeInternalError(error, debug));
    }
    return EXIT_USAGE;
  }
}
