import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import pkg from '../../package.json';
import { runLintStep } from '../helpers/action-runner';
import { ROOT } from '../helpers/fixtures';

// dist-action/ is committed (the action runs from its repository as checked out): it must be what
// the sources build today, minified, and able to start on its own.

const BUNDLE = path.join(ROOT, 'dist-action', 'flowguard.js');

describe('GitHub Action: the committed bundle in dist-action/', function () {
  this.timeout(120_000);

  it('matches a fresh production build of the sources (npm run build:action)', () => {
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-action.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr + check.stdout);
  });

  it('is committed, not ignored by git', () => {
    const ignored = spawnSync('git', ['check-ignore', 'dist-action/flowguard.js', 'dist-action/action.js', 'dist-action/cli.js'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(ignored.status, 1, `git ignores ${ignored.stdout}`);
  });

  it('is minified, with no source map comment', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    assert.ok(!text.includes('sourceMappingURL'));
    assert.ok(!/^\s*\/\/ (action|cli|core|rules)\//m.test(text), 'esbuild names each module in a comment unless it minifies');
  });

  it('gives later steps a CLI: dist-action/cli.js', () => {
    const version = spawnSync(process.execPath, [path.join(ROOT, 'dist-action', 'cli.js'), '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${pkg.version}\n`);
  });

  it('lints the samples in the Lint step within seconds, with nothing installed', () => {
    const started = process.hrtime.bigint();
    const run = runLintStep({ workspace: path.join(ROOT, 'samples'), with: { paths: '.' }, event: { repository: { visibility: 'private' } } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`      (Lint step on samples/, bundle start included: ${ms.toFixed(0)} ms)`);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^FlowGuard: \d+ problems \(\d+ errors, \d+ warnings, \d+ infos\) in \d+ files, 9 flows\.$/m);
  });
});
