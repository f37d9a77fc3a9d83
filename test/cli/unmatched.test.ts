import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';
import { makeZip } from '../helpers/make-zip';

const FLOW = path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-and-timed-out.json');

function noExports(...paths: string[]): string {
  return `flowguard: No flow exports found in ${paths.map((p) => `"${p}"`).join(', ')} (a flow .json, a solution folder or .zip, or a legacy package). Check the path for typing mistakes, or pass --no-error-on-unmatched-pattern to allow a path with none.\n`;
}

describe('cli: a path with no flow export', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-unmatched-'));
    cpSync(FLOW, path.join(dir, 'solutions', 'flow.json'));
    mkdirSync(path.join(dir, 'empty'));
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'package.json'), '{"name": "docs"}\n');
    mkdirSync(path.join(dir, 'archives'));
    writeFileSync(path.join(dir, 'archives', 'notes.zip'), makeZip({ 'readme.txt': 'meeting notes' }));
    mkdirSync(path.join(dir, 'broken'));
    writeFileSync(path.join(dir, 'broken', 'flow.json'), '{"properties": {"definition": {"triggers": {}, "actions": {');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an empty folder, or one with only other files, is an error naming it (exit 2), before any report', async () => {
    for (const folder of ['empty', 'docs', 'archives', 'docs/']) {
      const run = await cli([folder, '--format', 'json'], dir);
      assert.equal(run.stderr, noExports(folder), folder);
      assert.equal(run.stdout, '');
      assert.equal(run.code, 2);
    }
  });

  it('names only the paths that hold nothing, so a mistyped CI path fails', async () => {
    const run = await cli(['solutions', 'empty', 'docs'], dir);
    assert.equal(run.stderr, noExports('empty', 'docs'));
    assert.equal(run.code, 2);
  });

  it('the current folder by default, when it holds no export', async () => {
    const run = await cli([], path.join(dir, 'empty'));
    assert.equal(run.stderr, noExports('.'));
    assert.equal(run.code, 2);
  });

  it('a flow that cannot be read is an export: it is listed as unreadable instead', async () => {
    const run = await cli(['broken', '--format', 'json'], dir);
    assert.equal(run.code, 2);
    assert.deepEqual((JSON.parse(run.stdout) as { unreadable: { file: string }[] }).unreadable.map((u) => u.file), ['broken/flow.json']);
  });

  it('--no-error-on-unmatched-pattern allows them, and paths that are not there', async () => {
    const run = await cli(['empty', 'docs', 'missing', '--no-error-on-unmatched-pattern'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✔ No problems found \(0 files, 0 flows\)\n$/);
    const withFlows = await cli(['solutions', 'soltions', '--no-error-on-unmatched-pattern', '--format', 'json'], dir);
    assert.equal(withFlows.code, 0, withFlows.stderr);
    assert.equal((JSON.parse(withFlows.stdout) as { summary: { flows: number } }).summary.flows, 1);
  });

  it('without it a path that is not there stays a file that cannot be read (exit 2)', async () => {
    const run = await cli(['solutions', 'soltions', '--format', 'json'], dir);
    assert.equal(run.code, 2);
    assert.deepEqual((JSON.parse(run.stdout) as { unreadable: { file: string; message: string }[] }).unreadable, [{ file: 'soltions', line: 1, column: 1, message: 'soltions: no such file or folder.' }]);
  });

  it('--hook is handed files that are not exports, and stays quiet about them', async () => {
    const run = await cli(['--hook', 'docs/package.json', 'archives/notes.zip'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /No flow exports/);
  });

  it('the bundled CLI fails the same way', () => {
    const run = bundledCli(['empty'], dir);
    assert.equal(run.stderr, noExports('empty'));
    assert.equal(run.code, 2);
  });

  it('review is unaffected: a path without flows is a change with no flows', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'flowguard-unmatched-review-'));
    try {
      const git = (args: string[]): void => {
        const run = spawnSync('git', ['-c', 'user.name=FlowGuard Test', '-c', 'user.email=test@flowguard.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
      };
      git(['init', '-q', '-b', 'main']);
      cpSync(path.join(dir, 'docs'), path.join(repo, 'docs'), { recursive: true });
      git(['add', '-A']);
      git(['commit', '-q', '-m', 'docs']);
      const run = bundledCli(['review', '--base', 'HEAD', 'docs'], repo);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /✔ 0 flows added, 0 changed, 0 removed/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
