import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../cli/run';
import { ROOT } from './fixtures';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** What standard input holds, for --stdin; without it the CLI has no standard input. */
  stdin?: string | Uint8Array;
  /** Whether standard output is a terminal that shows colours (the in-process CLI's colorDefault). */
  color?: boolean;
}

/** Runs the CLI in-process, as `flowguard ARGS` would in `cwd`, capturing what it prints. */
export async function cli(args: string[], cwd: string, options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const { stdin } = options;
  const code = await runCli(args, {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    colorDefault: options.color ?? false,
    ...(stdin !== undefined ? { readStdin: () => Promise.resolve(typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin) } : {}),
  });
  return { code, stdout, stderr };
}

export interface BundledRunOptions {
  /** Variables to set, or with undefined to remove, on top of this process's environment and NO_COLOR=1. */
  env?: NodeJS.ProcessEnv;
  /** What standard input holds. */
  input?: string | Uint8Array;
}

/** Runs the bundled CLI (dist/cli.js) as a user's shell would. */
export function bundledCli(args: string[], cwd: string, options: BundledRunOptions = {}): CliRun {
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env, ...(options.input !== undefined ? { input: options.input } : {}) });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
