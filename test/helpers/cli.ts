import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../cli/run';
import { ROOT } from './fixtures';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `flowguard ARGS` would in `cwd`, capturing what it prints. */
export async function cli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    colorDefault: false,
  });
  return { code, stdout, stderr };
}

/** Runs the bundled CLI (dist/cli.js) as a user's shell would. */
export function bundledCli(args: string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
