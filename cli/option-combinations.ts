import type { CliOptions } from './args';
import { UsageError } from './errors';

/**
 * Options of the lint command that contradict each other: each pair is one usage error naming
 * both. Messages use no ';', which runCli adds before "see flowguard --help".
 */
export function checkCombinations(options: CliOptions, positionals: readonly string[], usage: string): void {
  const fail = (message: string): never => {
    throw new UsageError(message, usage);
  };
  if (options.stdinFilename !== undefined && !options.stdin) fail('--stdin-filename names what --stdin reads: add --stdin.');
  if (options.stdin) {
    if (positionals.length > 0) fail(`--stdin lints standard input and takes no PATH, got "${positionals[0]}".`);
    if (options.fix) fail('--fix cannot write standard input back: --fix-dry-run prints the edits instead.');
    if (options.hook) fail('--hook lints the changed files a git hook names, not standard input: leave out --stdin.');
  }
  if (options.cacheLocation !== undefined && !options.cache) fail('--cache-location names the file --cache keeps: add --cache.');
  if (options.fix && options.fixDryRun) fail('--fix writes the fixes and --fix-dry-run only shows them: choose one.');
  if (options.fixDryRun && options.format !== 'stylish') fail(`--fix-dry-run prints a unified diff, not a report: leave out --format ${options.format}.`);
}
