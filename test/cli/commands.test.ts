import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

describe('cli: subcommands', () => {
  it('--help names every command and format', async () => {
    const run = await cli(['--help'], tmpdir());
    assert.equal(run.code, 0);
    for (const text of ['flowguard review --base REF', 'flowguard connectors', 'flowguard baseline', '--baseline FILE', '--fix', '--hook', 'stylish (default), json, sarif, github, junit, markdown or compact']) {
      assert.ok(run.stdout.includes(text), text);
    }
  });

  it('each command has its own --help', async () => {
    const expected: [string, string][] = [
      ['review', 'Usage: flowguard review --base REF [PATH...] [options]'],
      ['connectors', 'Usage: flowguard connectors [PATH...] [options]'],
      ['baseline', 'Usage: flowguard baseline [PATH...] [options]'],
    ];
    for (const [command, usage] of expected) {
      const run = await cli([command, '--help'], tmpdir());
      assert.equal(run.code, 0);
      assert.ok(run.stdout.startsWith(`${usage}\n`), command);
    }
  });

  it('reads a command only as the first word: a folder named review is ./review', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-commands-'));
    try {
      cpSync(path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-and-timed-out.json'), path.join(dir, 'review', 'flow.json'));
      const asPath = await cli(['./review', '--format', 'json'], dir);
      assert.equal(asPath.code, 0, asPath.stderr);
      assert.ok((JSON.parse(asPath.stdout) as { summary: { flows: number } }).summary.flows === 1);
      const asCommand = await cli(['review'], dir);
      assert.equal(asCommand.code, 2);
      assert.match(asCommand.stderr, /flowguard review needs --base REF/);
      const later = await cli(['--quiet', 'review', '--format', 'json'], dir);
      assert.equal(later.code, 0, 'after an option, review is a path');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown option of a command points at that command’s --help', async () => {
    const run = await cli(['connectors', '--fix'], tmpdir());
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "flowguard: Unknown option '--fix'; see flowguard connectors --help\n");
  });

  it('the bundled CLI runs the commands too', () => {
    const run = bundledCli(['review', '--help'], tmpdir());
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: flowguard review --base REF/);
  });
});
