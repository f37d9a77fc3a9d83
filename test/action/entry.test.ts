import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { runLintStep, type LintStepRun } from '../helpers/action-runner';
import { FIXTURES } from '../helpers/fixtures';

// action.yml's Lint step, run on a workspace as the runner runs it (see test/helpers/action-runner.ts),
// with the committed bundle in dist-action/: what the job log, the step outputs, the SARIF file
// and the job summary show, and the step's exit code.

const SECRET = 'Winter2024!Payroll';
const PUBLIC_PUSH = { repository: { full_name: 'contoso/flows', private: false, visibility: 'public' } };
const PRIVATE_PUSH = { repository: { full_name: 'contoso/flows', private: true, visibility: 'private' } };

/** A finding's annotation: `::error file=...`, `::warning file=...` or `::notice file=...` at the start of a line. */
const ANNOTATION = /^::(error|warning|notice) file=/;

function annotations(text: string | undefined): string[] {
  return (text ?? '').split('\n').filter((line) => ANNOTATION.test(line));
}

function sarifResults(run: LintStepRun): Sarif.Result[] {
  assert.ok(run.sarif, `no SARIF file at ${run.outputs['sarif-file']}`);
  const log = JSON.parse(run.sarif) as Sarif.Log;
  assert.equal(log.version, '2.1.0');
  return log.runs[0]!.results ?? [];
}

/** The lines the runner reads as commands: everything outside ::stop-commands::TOKEN ... ::TOKEN::. */
function commandLines(stdout: string): string[] {
  const live: string[] = [];
  let stoppedBy: string | undefined;
  for (const line of stdout.split('\n')) {
    if (stoppedBy !== undefined) {
      if (line === `::${stoppedBy}::`) stoppedBy = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stoppedBy = stop[1];
    else live.push(line);
  }
  assert.equal(stoppedBy, undefined, 'every stop-commands block is closed');
  return live;
}

describe('GitHub Action: the Lint step as the runner runs it', function () {
  this.timeout(60_000);
  const temp: string[] = [];
  /** A checked-out repository holding `files` (workspace path: fixture path or text). */
  function workspace(files: Record<string, { fixture: string } | string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-workspace-'));
    temp.push(dir);
    for (const [rel, from] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      if (typeof from === 'string') writeFileSync(path.join(dir, rel), from);
      else cpSync(path.join(FIXTURES, from.fixture), path.join(dir, rel));
    }
    return dir;
  }
  after(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const payroll = { fixture: 'secrets/hardcoded-secret/http-basic-auth.json' }; // 1 error, 2 warnings
  const approval = { fixture: 'error-handling/incomplete-catch/failed-only.json' }; // 1 warning
  let errors: string;
  let warningsOnly: string;
  before(() => {
    errors = workspace({ 'flows/payroll.json': payroll, 'flows/approval.json': approval });
    warningsOnly = workspace({ 'flows/approval.json': approval });
  });

  describe('fail-on', () => {
    it('error (the default): an error-level finding fails the step with exit code 1', () => {
      const run = runLintStep({ workspace: errors, with: { paths: 'flows' }, event: PRIVATE_PUSH });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.deepEqual([run.outputs['exit-code'], run.outputs.errors, run.outputs.warnings], ['1', '1', '3']);
      assert.match(run.stdout, /^FlowGuard fails this step: 1 error, 3 warnings \(fail-on: error\)\.$/m);
      assert.ok(!run.stdout.includes(SECRET), 'the whole secret never reaches the log');
    });

    it('error: warnings alone pass, unless there are more than max-warnings', () => {
      const pass = runLintStep({ workspace: warningsOnly, with: { paths: 'flows' }, event: PRIVATE_PUSH });
      assert.equal(pass.code, 0, pass.stdout + pass.stderr);
      assert.deepEqual([pass.outputs['exit-code'], pass.outputs.errors, pass.outputs.warnings], ['0', '0', '1']);
      const over = runLintStep({ workspace: warningsOnly, with: { paths: 'flows', 'max-warnings': '0' }, event: PRIVATE_PUSH });
      assert.equal(over.code, 1, over.stdout + over.stderr);
      assert.equal(over.outputs['exit-code'], '1');
      assert.match(over.stdout, /fail-on: error; too many warnings \(1, maximum 0\)/);
    });

    it('warning: a warning fails the step, while FlowGuard\'s own exit code stays 0', () => {
      const run = runLintStep({ workspace: warningsOnly, with: { paths: 'flows', 'fail-on': 'warning' }, event: PRIVATE_PUSH });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.deepEqual([run.outputs['exit-code'], run.outputs.warnings], ['0', '1']);
      assert.match(run.stdout, /^FlowGuard fails this step: 0 errors, 1 warning \(fail-on: warning\)\.$/m);
    });

    it('never: the step passes with error findings, and exit-code still says 1', () => {
      const run = runLintStep({ workspace: errors, with: { paths: 'flows', 'fail-on': 'never' }, event: PRIVATE_PUSH });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.deepEqual([run.outputs['exit-code'], run.outputs.errors], ['1', '1']);
      assert.equal(annotations(run.stdout).length, 4, 'the findings are still shown');
    });
  });

  it('a path that does not exist: exit code 2 whatever fail-on says, and the path annotated', () => {
    const run = runLintStep({ workspace: errors, with: { paths: 'flows\nsolutions', 'fail-on': 'never' }, event: PRIVATE_PUSH });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.equal(run.outputs['exit-code'], '2');
    assert.match(run.stdout, /^::error file=solutions,line=1,.*title=FlowGuard%3A unreadable file::solutions: no such file or folder\.$/m);
    assert.match(run.stdout, /^FlowGuard could not read 1 file; the report above says which\.$/m);
    assert.equal(run.outputs.errors, '1', 'the paths that exist are still linted');
    // Where the findings go to code scanning, which lists results only, the path is still annotated.
    const uploaded = runLintStep({ workspace: errors, with: { paths: 'flows\nsolutions' }, event: PUBLIC_PUSH });
    assert.equal(uploaded.code, 2);
    assert.deepEqual(annotations(uploaded.stdout), []);
    assert.match(uploaded.stdout, /^::error title=FlowGuard::FlowGuard could not read 1 file: solutions\.$/m);
  });

  it('a policy input of two lines applies both policies, in one lint', () => {
    const ws = workspace({
      'flows/backup.json': { fixture: 'dlp/blocked-connector/dropbox-action.json' },
      'governance/no-dropbox.dlp.json': JSON.stringify({ name: 'No Dropbox', blocked: ['shared_dropbox'] }),
      'governance/no-sharepoint.dlp.json': JSON.stringify({ name: 'No SharePoint', blocked: ['shared_sharepointonline'] }),
    });
    const run = runLintStep({ workspace: ws, with: { paths: 'flows', policy: 'governance/no-dropbox.dlp.json\n  governance/no-sharepoint.dlp.json\n' }, event: PRIVATE_PUSH });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^FlowGuard 0\.\d+\.\d+: flowguard --policy governance\/no-dropbox\.dlp\.json --policy governance\/no-sharepoint\.dlp\.json -- flows$/m);
    const blocked = annotations(run.stdout).filter((line) => line.includes('title=dlp/blocked-connector'));
    assert.ok(blocked.some((line) => line.includes("policy 'No Dropbox'")), blocked.join('\n'));
    assert.ok(blocked.some((line) => line.includes("policy 'No SharePoint'")), blocked.join('\n'));
    assert.equal(sarifResults(run).filter((r) => r.ruleId === 'dlp/blocked-connector').length, blocked.length, 'SARIF and the annotations come from the same run');
  });

  describe('upload-sarif auto', () => {
    it('in a public repository: uploads, so no finding is annotated; the SARIF file and the fallback annotations are written', () => {
      const run = runLintStep({ workspace: errors, with: { paths: 'flows' }, event: PUBLIC_PUSH });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.outputs['upload-sarif'], 'true');
      assert.deepEqual(annotations(run.stdout), [], 'code scanning shows the findings; annotating them too would show each twice');
      assert.match(run.stdout, /FlowGuard: uploading the findings to code scanning: code scanning is available in this public repository\./);
      assert.match(run.stdout, /^\s+43:28\s+error\s+Hardcoded Basic authentication password/m, 'the log has the stylish report');
      const results = sarifResults(run);
      assert.equal(results.length, 4);
      assert.ok(results.every((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.startsWith('flows/')), 'URIs from the repository root');
      assert.equal(annotations(run.annotations).length, results.length, 'what the fallback step prints if the upload fails');
      // (The rule's page, which SARIF carries as help, shows this very password as its example.)
      assert.ok(!JSON.stringify(results).includes(SECRET), 'no result holds the whole secret');
    });

    it('in a private repository: annotates each finding once, and still writes the SARIF file', () => {
      const run = runLintStep({ workspace: errors, with: { paths: 'flows' }, event: PRIVATE_PUSH });
      assert.equal(run.outputs['upload-sarif'], 'false');
      assert.match(run.stdout, /FlowGuard: annotating the findings: code scanning in a private repository needs GitHub Advanced Security/);
      const shown = annotations(run.stdout);
      assert.equal(shown.length, sarifResults(run).length);
      assert.equal(new Set(shown).size, shown.length, 'no finding annotated twice');
      assert.doesNotMatch(run.stdout, /^\s+43:28\s+error/m, 'the annotations are the log\'s report: each finding once there too');
      assert.match(run.stdout, /^flowguard: note: No DLP policy found/m, 'the notes are in the log');
      assert.ok(shown.some((line) => /^::error file=flows\/payroll\.json,line=43,endLine=43,col=28,endColumn=\d+,title=secrets\/hardcoded-secret::Hardcoded Basic authentication password/.test(line)), shown.join('\n'));
    });

    it('upload-sarif false annotates in a public repository too', () => {
      const run = runLintStep({ workspace: errors, with: { paths: 'flows', 'upload-sarif': 'false' }, event: PUBLIC_PUSH });
      assert.equal(run.outputs['upload-sarif'], 'false');
      assert.equal(annotations(run.stdout).length, 4);
    });
  });

  it('prints the report to the log with workflow commands stopped, so a file name cannot forge one', () => {
    const ws = workspace({ '::warning::forged/flow.json': payroll });
    const run = runLintStep({ workspace: ws, with: { paths: '.', format: 'stylish' }, event: PRIVATE_PUSH });
    assert.match(run.stdout, /^::warning::forged\/flow\.json$/m, 'the stylish report names the file at the start of a line');
    const live = commandLines(run.stdout).filter((line) => line.startsWith('::'));
    assert.ok(live.length > 0 && live.every((line) => ANNOTATION.test(line)), live.join('\n'));
    assert.ok(live.every((line) => line.includes('file=%3A%3Awarning%3A%3Aforged/flow.json')), 'the annotations escape it');
  });

  it('writes the job summary and the outputs later steps use', () => {
    const run = runLintStep({ workspace: errors, with: { paths: 'flows' }, event: PRIVATE_PUSH });
    assert.match(run.summary, /^### FlowGuard\n\n❌ \*\*Changes needed\*\*: 1 error, 3 warnings, 0 infos in 2 files \(2 flows\)\./);
    assert.match(run.summary, /secrets\/hardcoded-secret/);
    assert.equal(run.outputs.cli, path.join(path.resolve(__dirname, '..', '..', '..'), 'dist-action', 'cli.js'));
  });

  it('reads the inputs of earlier releases: path, and fail-on-findings false', () => {
    const run = runLintStep({ workspace: errors, with: { path: 'flows/payroll.json', 'fail-on-findings': 'false' }, event: PRIVATE_PUSH });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual([run.outputs['exit-code'], run.outputs.errors, run.outputs.warnings], ['1', '1', '2']);
    assert.match(run.stdout, /flowguard -- flows\/payroll\.json$/m);
  });

  it('an input it cannot use is one error annotation and exit code 2', () => {
    const run = runLintStep({ workspace: errors, with: { paths: 'flows', 'fail-on': 'sometimes' }, event: PRIVATE_PUSH });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "::error title=FlowGuard::Input 'fail-on' must be one of error, warning, never, got \"sometimes\".\n");
    assert.deepEqual([run.outputs['exit-code'], run.outputs['upload-sarif']], ['2', 'false']);
  });

  it('a configuration that does not load is exit code 2, with the CLI\'s message', () => {
    const ws = workspace({ 'flows/payroll.json': payroll, 'flowguard.json': '{ "rules": { "no/such-rule": "off" } }' });
    const run = runLintStep({ workspace: ws, with: { paths: 'flows' }, event: PRIVATE_PUSH });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /^::error title=FlowGuard::.*no\/such-rule/m);
    assert.equal(run.outputs['exit-code'], '2');
  });
});
