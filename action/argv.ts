import type { ActionInputs } from './inputs';

/**
 * The command line the inputs stand for. The action parses it with the CLI's own parser, so an
 * input means exactly what its flag means, and the log shows a command to reproduce the run.
 * `--` ends the options: a path that starts with '-' stays a path.
 */
export function cliArgv(inputs: ActionInputs): string[] {
  const argv: string[] = [];
  for (const policy of inputs.policies) argv.push('--policy', policy);
  if (inputs.config !== undefined) argv.push('--config', inputs.config);
  if (inputs.environment !== undefined) argv.push('--environment', inputs.environment);
  if (inputs.baseline !== undefined) argv.push('--baseline', inputs.baseline);
  if (inputs.maxWarnings !== undefined) argv.push('--max-warnings', inputs.maxWarnings);
  return [...argv, '--', ...inputs.paths];
}

/** An argument as a POSIX shell reads it back: bare when it is plain, else in single quotes. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
