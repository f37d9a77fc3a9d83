import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES, ROOT } from '../helpers/fixtures';

interface JsonReport {
  findings: { ruleId: string; severity: string; file: string; line: number; column: number }[];
  unreadable: { file: string }[];
  summary: { files: number; flows: number };
}

// One finding: error-handling/incomplete-catch, a warning by default, at 61:13.
const FLOW = readFileSync(path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-only.json'), 'utf8');
const ZIP = readFileSync(path.join(ROOT, 'samples', 'HelpdeskTickets_1_0_0_1.zip'));

describe('cli: --stdin', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-stdin-'));
    mkdirSync(path.join(dir, 'project', 'flows'), { recursive: true });
    writeFileSync(path.join(dir, 'project', 'flowguard.json'), JSON.stringify({ rules: { 'error-handling/incomplete-catch': 'error' }, ignore: ['flows/archive/**'] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const json = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

  it('lints standard input under the name --stdin-filename gives, with the flowguard.json of its folder', async () => {
    const run = await cli(['--stdin', '--stdin-filename', 'project/flows/Invoice.json', '--format', 'json'], dir, { stdin: FLOW });
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(json(run.stdout).findings.map((f) => [f.file, f.line, f.column, f.ruleId, f.severity]), [['project/flows/Invoice.json', 61, 13, 'error-handling/incomplete-catch', 'error']]);
  });

  it('without a name it is <stdin>, read as a flow .json, with the flowguard.json of the working folder', async () => {
    const run = await cli(['--stdin', '--format', 'json'], dir, { stdin: FLOW });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run.stdout).findings.map((f) => [f.file, f.severity]), [['<stdin>', 'warning']]);
  });

  it('the name decides how the text is read: a .zip is a solution', async () => {
    const run = await cli(['--stdin', '--stdin-filename', 'Helpdesk.zip', '--format', 'json'], dir, { stdin: ZIP });
    const report = json(run.stdout);
    assert.ok(report.summary.flows > 0, run.stderr);
    assert.ok(report.findings.every((f) => f.file.startsWith('Helpdesk.zip!Workflows/')));
  });

  it('text that is no flow export is an error (exit 2), unless --no-error-on-unmatched-pattern', async () => {
    const run = await cli(['--stdin', '--stdin-filename', 'package.json'], dir, { stdin: '{"name": "flows"}' });
    assert.equal(run.stderr, 'flowguard: Standard input, read as "package.json", holds no flow export (a cloud flow .json, or a solution or package .zip). Pass --no-error-on-unmatched-pattern to allow that.\n');
    assert.equal(run.code, 2);
    const allowed = await cli(['--stdin', '--stdin-filename', 'package.json', '--no-error-on-unmatched-pattern', '--format', 'json'], dir, { stdin: '{"name": "flows"}' });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.deepEqual(json(allowed.stdout).findings, []);
    const text = await cli(['--stdin', '--stdin-filename', 'notes.txt'], dir, { stdin: FLOW });
    assert.equal(text.code, 2);
    assert.match(text.stderr, /^flowguard: Standard input, read as "notes\.txt", holds no flow export/);
  });

  it('a flow that does not parse is reported under its name, exit 2', async () => {
    const run = await cli(['--stdin', '--stdin-filename', 'flows/broken.json', '--format', 'json'], dir, { stdin: FLOW.slice(0, 200) });
    assert.equal(run.code, 2);
    assert.deepEqual(json(run.stdout).unreadable.map((u) => u.file), ['flows/broken.json']);
  });

  it('a name flowguard.json ignores is not linted, as in the editor, and says so', async () => {
    const run = await cli(['--stdin', '--stdin-filename', 'project/flows/archive/Old.json', '--format', 'json'], dir, { stdin: FLOW });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json(run.stdout).findings, []);
    assert.match(run.stderr, /^flowguard: note: project\/flows\/archive\/Old\.json: Not linted: "ignore" in flowguard\.json leaves this file out\.$/m);
  });

  it('the bundled CLI reads its real standard input', () => {
    const run = bundledCli(['--stdin', '--stdin-filename', 'project/flows/Invoice.json'], dir, { input: FLOW });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^project\/flows\/Invoice\.json\n {2}61:13 {2}error {2}'Catch' runs after 'Try'/m);
  });
});
