import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../cli/run';
import { version } from '../../cli/version';
import { bundledCli } from '../helpers/cli';
import { FIXTURES, ROOT } from '../helpers/fixtures';

const FLOW = path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-only.json');
const STACK_LINE = /^\s+at /m;

describe('cli: a user’s mistake is one line and exit 2, never a stack trace', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-user-errors-'));
    cpSync(FLOW, path.join(dir, 'flows', 'flow.json'));
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a folder\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], string][] = [
    ['--output naming a folder', ['flows', '--output', 'reports'], 'flowguard: --output reports: not written: it is a folder. Name a regular file.\n'],
    ['--output under a file', ['flows', '--output', 'notes.txt/report.txt'], 'flowguard: --output notes.txt/report.txt: not written: cannot check it (ENOTDIR). Name a regular file.\n'],
    ['--config naming a folder', ['flows', '--config', 'reports'], 'flowguard: Cannot read reports: it is a folder, not a file.\n'],
    ['--config naming a missing file', ['flows', '--config', 'flowguard.jsn'], 'flowguard: Cannot read flowguard.jsn: it does not exist.\n'],
    ['--policy naming a missing file', ['flows', '--policy', 'tenant.json'], 'flowguard: Cannot read DLP policy tenant.json: no such file.\n'],
    ['--baseline naming a folder', ['flows', '--baseline', 'reports'], 'flowguard: Cannot read baseline reports: it is a folder, not a file.\n'],
  ];
  for (const [what, args, stderr] of cases) {
    it(`${what}: the bundled CLI says so on one line`, () => {
      const run = bundledCli(args, dir);
      assert.equal(run.stderr, stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.code, 2);
    });
  }

  it('a path that cannot be read is listed on one line of the report, without the system call, and exits 2', () => {
    const run = bundledCli(['flows', 'notes.txt/flow.json'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^notes\.txt\/flow\.json\n {2}1:1 {2}error {2}notes\.txt\/flow\.json: no such file or folder \(a part of the path is a file\)\.$/m);
    assert.doesNotMatch(run.stdout + run.stderr, /ENOTDIR|stat '|\/tmp\//);
  });
});

describe('cli: an internal error', () => {
  // A standard output that fails stands for any bug: the error is not FlowGuard's to expect.
  const failing = async (args: string[]): Promise<{ code: number; stderr: string }> => {
    let stderr = '';
    const code = await runCli(args, {
      cwd: ROOT,
      stdout: () => {
        throw new TypeError('write after end');
      },
      stderr: (t) => (stderr += t),
      colorDefault: false,
    });
    return { code, stderr };
  };

  it('prints one line saying it is a bug and where to report it, and exits 2', async () => {
    const run = await failing(['--version']);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `flowguard: internal error: write after end. This is a bug in FlowGuard ${version}; please report it at https://github.com/flowguard/flowguard/issues with the command you ran (run it again with --debug to see the stack trace).\n`,
    );
  });

  it('prints the stack trace with --debug, for any command', async () => {
    for (const args of [['--debug', '--version'], ['rules', '--debug']]) {
      const run = await failing(args);
      assert.equal(run.code, 2);
      const [head, ...stack] = run.stderr.split('\n');
      assert.equal(head, `flowguard: internal error: write after end. This is a bug in FlowGuard ${version}; please report it at https://github.com/flowguard/flowguard/issues with the command you ran.`);
      assert.equal(stack[0], 'TypeError: write after end');
      assert.match(stack.join('\n'), STACK_LINE);
    }
  });

  it('--debug changes nothing when nothing goes wrong', async () => {
    let stdout = '';
    const code = await runCli(['--debug', '--version'], { cwd: ROOT, stdout: (t) => (stdout += t), stderr: () => undefined, colorDefault: false });
    assert.equal(code, 0);
    assert.equal(stdout, `${version}\n`);
  });
});

describe('cli: a reader that stops early', () => {
  it('closing the pipe (flowguard | head) ends the bundled CLI without a stack trace', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'rules'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI writes: every write meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
