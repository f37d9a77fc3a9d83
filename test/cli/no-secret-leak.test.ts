import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli, type CliRun } from '../helpers/cli';
import { CONTROL_NAME, leakyFlow, leaks, POLICY, SECRETS } from '../helpers/planted-secrets';

// The planted flow (test/helpers/planted-secrets.ts) run through every command and format:
// whatever it prints or writes, no 8 characters in a row of any planted secret may come out.

function assertNoLeak(what: string, text: string): void {
  assert.deepEqual(leaks(text), [], `${what} shows part of a planted secret`);
}

function assertNoRawControls(what: string, text: string): void {
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text), `${what} holds a raw control character`);
}

function git(args: string[], cwd: string): void {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args[0]}: ${run.stderr}`);
}

/** Every file under `dir` but .git, as text. */
function writtenFiles(dir: string): string {
  let all = '';
  for (const entry of readdirSync(dir)) {
    if (entry === '.git') continue;
    const file = path.join(dir, entry);
    all += statSync(file).isDirectory() ? writtenFiles(file) : `${readFileSync(file, 'utf8')}\n`;
  }
  return all;
}

describe('cli: no output shows a secret planted in a URL, a header or a name', function () {
  this.timeout(120_000);
  let dir: string;
  /** What the workspace held before any command ran: the planted flow, which holds every secret on purpose. */
  let flowText: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-leak-cli-'));
    mkdirSync(path.join(dir, 'flows'));
    writeFileSync(path.join(dir, 'policy.dlp.json'), JSON.stringify(POLICY, null, 2));
    writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ policies: ['policy.dlp.json'], trustedDomains: ['*.contoso.com'] }, null, 2));
    git(['init', '-q', '-b', 'main'], dir);
    git(['-c', 'user.name=FlowGuard Test', '-c', 'user.email=test@flowguard.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', 'base'], dir);
    git(['add', '-A'], dir);
    git(['-c', 'user.name=FlowGuard Test', '-c', 'user.email=test@flowguard.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'policy'], dir);
    flowText = JSON.stringify(leakyFlow(), null, 2);
    writeFileSync(path.join(dir, 'flows', 'leaky.json'), flowText);
    assert.ok(leaks(flowText).length >= Object.keys(SECRETS).length, 'every secret is planted');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The run reports what it should, and nothing it prints or writes (but the flow itself) holds a secret. */
  function check(what: string, run: CliRun): string {
    assert.notEqual(run.code, 2, `${what}: ${run.stderr.slice(0, 500)}`);
    const output = run.stdout + run.stderr;
    assertNoLeak(`${what} output`, output);
    assertNoLeak(`${what} files`, writtenFiles(dir).replace(flowText, ''));
    return output;
  }

  for (const format of ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown']) {
    it(`--format ${format}`, async () => {
      const output = check(format, await cli(['flows', '--format', format], dir));
      for (const rule of ['exfiltration/http-data-path', 'dlp/endpoint-denied', 'reliability/dangling-reference', 'secrets/hardcoded-secret']) {
        assert.ok(output.includes(rule), `${format} reports ${rule}`);
      }
      assert.ok(output.includes('evil.example'), `${format} names the host the disguised URL really reaches`);
      if (format !== 'json' && format !== 'sarif') {
        assertNoRawControls(format, output);
        assert.ok(output.includes(CONTROL_NAME.slice(0, 4)) && output.includes('u001b'), `${format} shows the ESC of '${JSON.stringify(CONTROL_NAME)}' escaped`);
      }
    });
  }

  it('--output writes a report without secrets', async () => {
    check('--output', await cli(['flows', '--format', 'sarif', '--output', 'reports/out.sarif'], dir));
    assert.ok(readFileSync(path.join(dir, 'reports', 'out.sarif'), 'utf8').includes('exfiltration/http-data-path'));
  });

  it('baseline records no secret, in the file or on the screen', async () => {
    check('baseline', await cli(['baseline', 'flows', '--output', 'leak-baseline.json'], dir));
    const baseline = readFileSync(path.join(dir, 'leak-baseline.json'), 'utf8');
    assert.ok(baseline.includes('reliability/dangling-reference'));
    check('--baseline', await cli(['flows', '--baseline', 'leak-baseline.json', '--format', 'sarif'], dir));
  });

  for (const format of ['stylish', 'json', 'markdown']) {
    it(`review --format ${format}`, async () => {
      const output = check(`review ${format}`, await cli(['review', '--base', 'HEAD', 'flows', '--format', format], dir));
      assert.ok(output.includes('http-data-path'), `review ${format} lists the new findings`);
      if (format !== 'json') assertNoRawControls(`review ${format}`, output);
    });
  }

  it('connectors lists the actions without secrets', async () => {
    check('connectors', await cli(['connectors', 'flows', '--format', 'json'], dir));
  });

  it('an unknown --rule quoting a secret is refused on one line without it', async () => {
    const run = await cli(['flows', '--rule', `${SECRETS.nameToken}=off`], dir);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, 'one line');
    assertNoLeak('unknown rule', run.stderr);
  });
});
