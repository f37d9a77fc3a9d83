import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli, type CliRun } from '../helpers/cli';
import { CORPUS_DIR, corpusAvailable } from '../helpers/corpus';
import { ROOT } from '../helpers/fixtures';
import { unitsWorkspace } from '../helpers/units-workspace';

const POLICY = path.join('samples', 'policies', 'contoso-tenant-policy.json');

/** Runs the in-process CLI with FLOWGUARD_TRACE_UNITS=1, which says on standard error how the run was split. */
async function traced(args: string[], cwd: string): Promise<CliRun & { trace: string[] }> {
  process.env.FLOWGUARD_TRACE_UNITS = '1';
  try {
    const run = await cli(args, cwd);
    const lines = run.stderr.split('\n');
    return { ...run, stderr: lines.filter((l) => !l.startsWith('flowguard: trace: ')).join('\n'), trace: lines.filter((l) => l.startsWith('flowguard: trace: ')) };
  } finally {
    delete process.env.FLOWGUARD_TRACE_UNITS;
  }
}

function same(actual: CliRun, expected: CliRun, what: string): void {
  assert.equal(actual.stdout, expected.stdout, `${what}: the report differs`);
  assert.equal(actual.stderr, expected.stderr, `${what}: the notes differ`);
  assert.equal(actual.code, expected.code, `${what}: the exit code differs`);
}

describe('cli: --threads', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-threads-')));
    unitsWorkspace(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is listed in --help with --cache and --cache-location', async () => {
    const run = await cli(['--help'], dir);
    for (const flag of ['--threads N', '--cache ', '--cache-location PATH']) assert.ok(run.stdout.includes(`  ${flag}`), flag);
  });

  for (const format of ['json', 'sarif', 'stylish', 'junit']) {
    it(`--threads 2 and 3 report byte for byte what --threads 1 does (${format}), large solutions split among the threads`, async () => {
      const args = ['.', 'samples', '--format', format, '--policy', POLICY];
      const one = await cli([...args, '--threads', '1'], dir);
      // 2: the flow that does not parse is reported unreadable.
      assert.equal(one.code, 2, one.stderr);
      for (const threads of ['2', '3']) {
        const run = await traced([...args, '--threads', threads], dir);
        same(run, one, `--threads ${threads}`);
        assert.ok(run.trace.some((l) => l.includes(`${threads} thread(s)`)), run.trace.join('\n'));
        assert.ok(!run.trace.some((l) => /failed/.test(l)), run.trace.join('\n'));
      }
    });
  }

  it('without --threads, a small run stays on one thread and reports the same', async () => {
    const args = ['samples', '--format', 'json'];
    const auto = await traced(args, dir);
    assert.deepEqual(auto.trace, []);
    same(auto, await cli([...args, '--threads', '1'], dir), 'automatic');
  });

  it('the bundled CLI (dist/cli.js, the npm package\'s bin) runs its threads from itself', () => {
    const args = ['.', '--format', 'json', '--policy', POLICY];
    const one = bundledCli([...args, '--threads', '1'], dir);
    const two = bundledCli([...args, '--threads', '2'], dir, { env: { FLOWGUARD_TRACE_UNITS: '1' } });
    assert.equal(two.stdout, one.stdout);
    assert.match(two.stderr, /2 thread\(s\)/);
    assert.doesNotMatch(two.stderr, /failed/);
  });

  it("the GitHub Action's bundle (dist-action/cli.js) does too", function () {
    const launcher = path.join(ROOT, 'dist-action', 'cli.js');
    if (!existsSync(launcher)) this.skip();
    const run = (threads: string) =>
      spawnSync(process.execPath, [launcher, '.', '--format', 'json', '--policy', POLICY, '--threads', threads], { cwd: dir, encoding: 'utf8', env: { ...process.env, FLOWGUARD_TRACE_UNITS: '1' } });
    const one = run('1');
    const two = run('2');
    assert.equal(two.stdout, one.stdout);
    assert.match(two.stderr, /2 thread\(s\)/);
    assert.doesNotMatch(two.stderr, /failed/);
  });

  it('reports on ../shared/corpus what one thread does', async function () {
    if (!corpusAvailable()) this.skip();
    const one = await cli(['.', '--format', 'json', '--threads', '1'], CORPUS_DIR);
    const two = await traced(['.', '--format', 'json', '--threads', '2'], CORPUS_DIR);
    same(two, one, 'the corpus');
    assert.ok(!two.trace.some((l) => /failed/.test(l)), two.trace.join('\n'));
  });

  for (const [value, message] of [
    ['0', '--threads expects a whole number from 1 to 64, got "0"'],
    ['two', '--threads expects a whole number from 1 to 64, got "two"'],
    ['65', '--threads expects a whole number from 1 to 64, got "65"'],
  ]) {
    it(`--threads ${value} is a usage error`, async () => {
      const run = await cli(['.', '--threads', value!], dir);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `flowguard: ${message}; see flowguard --help\n`);
    });
  }
});
