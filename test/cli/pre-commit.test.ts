import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES, ROOT } from '../helpers/fixtures';

// Debian's pre-commit runs this repository's .pre-commit-hooks.yaml for real: it clones the hook
// repository at a revision, installs it as a `language: node` hook (npm install, npm pack, npm
// install -g of the tarball, so the `prepack` build and .npmignore must be right) and runs
// `flowguard --hook` on the staged files. pre-commit clones committed code only, so the hook
// repository is a commit of this work tree as it is now, made in a temporary folder.

const SECRET = 'Winter2024!Payroll';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8' });
}

function git(args: string[], cwd: string): string {
  const result = run('git', args, cwd);
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function initRepository(dir: string): void {
  git(['init', '-q', '-b', 'main'], dir);
  git(['config', 'user.name', 'FlowGuard Test'], dir);
  git(['config', 'user.email', 'test@flowguard.invalid'], dir);
  git(['config', 'commit.gpgsign', 'false'], dir);
}

/** This work tree's files (tracked, and new ones git does not ignore) committed in a fresh repository. */
function commitWorkTree(into: string): string {
  const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT).split('\0').filter((f) => f !== '');
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the work tree
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    cpSync(from, path.join(into, file));
  }
  initRepository(into);
  git(['add', '-A'], into);
  git(['commit', '-q', '-m', 'FlowGuard as it is in the work tree'], into);
  return git(['rev-parse', 'HEAD'], into);
}

function hasPreCommit(): boolean {
  return run('pre-commit', ['--version'], ROOT).status === 0;
}

describe('pre-commit hook (Debian pre-commit)', function () {
  // The first commit installs the hook: npm install of the dev dependencies, then the build.
  this.timeout(600_000);
  let scratch: string;
  let env: NodeJS.ProcessEnv;
  const temp: string[] = [];

  before(function () {
    if (!hasPreCommit()) {
      if (process.env.CI) throw new Error('pre-commit is not installed; CI runs scripts/install-editors.sh first');
      console.log('    (skipped: pre-commit is not installed; scripts/install-editors.sh installs it)');
      this.skip();
    }
    const [hook, home] = ['hook', 'home'].map((name) => {
      const dir = mkdtempSync(path.join(tmpdir(), `flowguard-pre-commit-${name}-`));
      temp.push(dir);
      return dir;
    }) as [string, string];
    const rev = commitWorkTree(hook);
    scratch = mkdtempSync(path.join(tmpdir(), 'flowguard-pre-commit-repo-'));
    temp.push(scratch);
    initRepository(scratch);
    env = { ...process.env, PRE_COMMIT_HOME: home, NO_COLOR: '1' };
    writeFileSync(path.join(scratch, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hook}\n    rev: ${rev}\n    hooks:\n      - id: flowguard\n`);
    // The repository's own flowguard.json applies: found by walking up from the staged files.
    writeFileSync(path.join(scratch, 'flowguard.json'), JSON.stringify({ rules: { 'error-handling/no-failure-path': 'off' } }, null, 2));
    writeFileSync(path.join(scratch, 'package.json'), '{ "name": "contoso-flows", "private": true }\n');
    const install = run('pre-commit', ['install'], scratch, env);
    assert.equal(install.status, 0, install.stderr);
  });

  after(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses a commit that stages a flow with a hardcoded secret, and shows the finding with the secret masked', () => {
    mkdirSync(path.join(scratch, 'flows'), { recursive: true });
    cpSync(path.join(FIXTURES, 'secrets', 'hardcoded-secret', 'http-basic-auth.json'), path.join(scratch, 'flows', 'payroll.json'));
    git(['add', '-A'], scratch);
    const started = Date.now();
    const commit = run('git', ['commit', '-m', 'Add the payroll flow'], scratch, env);
    console.log(`      (first commit, hook installation included: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const output = commit.stdout + commit.stderr;
    assert.notEqual(commit.status, 0, output);
    assert.match(output, /FlowGuard\.+Failed/);
    assert.match(output, /\nflows\/payroll\.json\n/);
    assert.match(output, /\n\s+43:28\s+error\s+Hardcoded Basic authentication password in action 'Call_payroll_API'.*'Wint…' \(18 characters\).*secrets\/hardcoded-secret/);
    assert.ok(!output.includes(SECRET), 'the whole secret never reaches the terminal');
    assert.ok(!output.includes('error-handling/no-failure-path'), "the repository's flowguard.json turns this rule off");
    assert.ok(!output.includes('package.json'), 'a JSON file that is no flow is skipped');
    assert.throws(() => git(['rev-parse', '--verify', '--quiet', 'HEAD'], scratch), 'nothing was committed');
  });

  it('lets a commit of a clean flow through', () => {
    git(['rm', '-q', '--cached', 'flows/payroll.json'], scratch);
    rmSync(path.join(scratch, 'flows', 'payroll.json'));
    cpSync(path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-and-timed-out.json'), path.join(scratch, 'flows', 'approval.json'));
    git(['add', '-A'], scratch);
    const started = Date.now();
    const commit = run('git', ['commit', '-m', 'Add the approval flow'], scratch, env);
    console.log(`      (second commit: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    assert.equal(commit.status, 0, commit.stdout + commit.stderr);
    assert.match(commit.stdout + commit.stderr, /FlowGuard\.+Passed/);
    assert.equal(git(['log', '--format=%s'], scratch), 'Add the approval flow');
  });
});
