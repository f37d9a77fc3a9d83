import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

// Each copy of this flow has one warning (error-handling/incomplete-catch) and nothing else.
const WARNING_ONLY = path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-only.json');

describe('cli: --max-warnings says when it decides the exit code', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-max-warnings-'));
    cpSync(WARNING_ONLY, path.join(dir, 'flows', 'a.json'));
    cpSync(WARNING_ONLY, path.join(dir, 'flows', 'b.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('"too many warnings (N, maximum M)" on standard error, exit 1', async () => {
    const run = await cli(['flows', '--format', 'json', '--max-warnings', '1'], dir);
    assert.equal(run.code, 1);
    assert.ok(run.stderr.endsWith('flowguard: too many warnings (2, maximum 1)\n'), run.stderr);
    assert.equal((JSON.parse(run.stdout) as { summary: { warnings: number } }).summary.warnings, 2);
  });

  it('the bundled CLI prints it after the stylish report', () => {
    const run = bundledCli(['flows', '--max-warnings', '0'], dir);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'flowguard: too many warnings (2, maximum 0)\n');
    assert.match(run.stdout, /✖ 2 problems \(0 errors, 2 warnings, 0 infos\)\n$/);
  });

  it('says nothing when the warnings are within the limit', async () => {
    const run = await cli(['flows', '--format', 'json', '--max-warnings', '2'], dir);
    assert.equal(run.code, 0);
    assert.doesNotMatch(run.stderr, /too many warnings/);
  });

  it('says nothing when an error-level finding fails the run anyway', async () => {
    cpSync(path.join(FIXTURES, 'secrets', 'hardcoded-secret', 'credential-headers.json'), path.join(dir, 'with-error', 'secret.json'));
    cpSync(WARNING_ONLY, path.join(dir, 'with-error', 'a.json'));
    const run = await cli(['with-error', '--format', 'json', '--max-warnings', '0'], dir);
    assert.equal(run.code, 1);
    const summary = (JSON.parse(run.stdout) as { summary: { errors: number; warnings: number } }).summary;
    assert.ok(summary.errors > 0 && summary.warnings > 0);
    assert.doesNotMatch(run.stderr, /too many warnings/);
  });
});
