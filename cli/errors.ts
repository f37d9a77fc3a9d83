/** A mistake in the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';

  /** The usage text to print after the message; the lint command's when not set. */
  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}

/** A problem that stops a command (a missing baseline, a git revision that does not exist): exit code 2, no usage. */
export class CliError extends Error {
  override name = 'CliError';
}
