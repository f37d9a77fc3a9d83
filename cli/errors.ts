/** A mistake in the command line: printed with a pointer to the command's --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';

  /** `usage` is the usage text of the command that read the arguments; the lint command's when not set. */
  constructor(message: string, readonly usage?: string) {
    super(message);
  }

  /**
   * What to run for the whole usage ('flowguard review --help'): read from the usage text's first
   * line, so every command that passes its usage gets the right pointer without naming itself twice.
   */
  get helpCommand(): string {
    const command = /^Usage: (flowguard(?: [a-z][a-z-]*)?)\b/.exec(this.usage ?? '')?.[1] ?? 'flowguard';
    return `${command} --help`;
  }
}

/** A problem that stops a command (a missing baseline, a git revision that does not exist): exit code 2, no usage. */
export class CliError extends Error {
  override name = 'CliError';
}
