import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

interface JsonReport {
  findings: { ruleId: string; file: string; line: number }[];
}

interface BaselineFile {
  version: number;
  findings: Record<string, unknown>[];
}

/** DLP fixtures with a policy, and a flow with a hardcoded password. */
function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-baseline-'));
  cpSync(path.join(FIXTURES, 'dlp', 'mixed-groups'), path.join(dir, 'flows', 'mixed'), { recursive: true });
  cpSync(path.join(FIXTURES, 'dlp', 'policy.dlp.json'), path.join(dir, 'policy.dlp.json'));
  cpSync(path.join(FIXTURES, 'secrets', 'hardcoded-secret', 'http-basic-auth.json'), path.join(dir, 'flows', 'payroll.json'));
  writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ policies: ['policy.dlp.json'] }));
  return dir;
}

describe('cli: baseline', () => {
  let dir: string;
  let recorded: number;
  before(async () => {
    dir = workspace();
    const run = await cli(['baseline', 'flows'], dir);
    assert.equal(run.code, 0, run.stderr);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'flowguard-baseline.json'), 'utf8')) as BaselineFile;
    recorded = baseline.findings.length;
    assert.equal(run.stdout, `Recorded ${recorded} findings in flowguard-baseline.json; 'flowguard --baseline flowguard-baseline.json' now reports only new ones.\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records fingerprints, rule, file, flow and action, and no message that could hold a secret', () => {
    const text = readFileSync(path.join(dir, 'flowguard-baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as BaselineFile;
    assert.equal(baseline.version, 1);
    assert.ok(recorded > 3);
    for (const entry of baseline.findings) {
      assert.deepEqual(Object.keys(entry), ['fingerprint', 'ruleId', 'file', 'flow', 'action']);
      assert.match(entry['fingerprint'] as string, /^[0-9a-f]{64}:\d+$/);
    }
    assert.ok(baseline.findings.some((e) => e['ruleId'] === 'secrets/hardcoded-secret' && e['file'] === 'flows/payroll.json' && e['action'] === 'Call_payroll_API'));
    assert.ok(!text.includes('Wint'), 'not even the masked start of the password');
  });

  it('then reports nothing, and says how many findings the baseline holds back', async () => {
    const run = await cli(['flows', '--baseline', 'flowguard-baseline.json'], dir);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.stdout, `note: ${recorded} findings are recorded in baseline flowguard-baseline.json and not reported.\n✔ No problems found (7 files, 7 flows)\n`);
  });

  it('reports only a new finding, and keeps recognising old ones when lines move', async () => {
    cpSync(path.join(FIXTURES, 'dlp', 'blocked-connector', 'dropbox-action.json'), path.join(dir, 'flows', 'dropbox.json'));
    const payroll = path.join(dir, 'flows', 'payroll.json');
    const original = readFileSync(payroll, 'utf8');
    // Re-indented and shifted down: every finding of the file moves.
    writeFileSync(payroll, `\n\n\n${JSON.stringify(JSON.parse(original), null, 4)}`);
    try {
      const run = await cli(['flows', '--baseline', 'flowguard-baseline.json', '--format', 'json'], dir);
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.ok(report.findings.length > 0);
      assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['flows/dropbox.json']);
      assert.match(run.stderr, new RegExp(`flowguard: note: ${recorded} findings are recorded in baseline flowguard-baseline.json and not reported\\.`));

      const stylish = await cli(['flows', '--baseline', 'flowguard-baseline.json'], dir);
      assert.ok(stylish.stdout.includes('\nflows/dropbox.json\n'));
      assert.ok(!stylish.stdout.includes('flows/payroll.json'));
      assert.match(stylish.stdout, new RegExp(`\nnote: ${recorded} findings are recorded in baseline`));

      const sarif = JSON.parse((await cli(['flows', '--baseline', 'flowguard-baseline.json', '--format', 'sarif'], dir)).stdout) as Sarif.Log;
      const states = sarif.runs[0]!.results!.map((r) => [r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.baselineState]);
      assert.ok(states.every(([uri, state]) => state === (uri === 'flows/dropbox.json' ? 'new' : 'unchanged')), JSON.stringify(states));
      assert.equal(states.filter(([, state]) => state === 'unchanged').length, recorded);
    } finally {
      writeFileSync(payroll, original);
      rmSync(path.join(dir, 'flows', 'dropbox.json'));
    }
  });

  it('matches from another folder, since the baseline keeps paths relative to itself', async () => {
    const run = await cli(['.', '--baseline', '../flowguard-baseline.json', '--format', 'json'], path.join(dir, 'flows'));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).findings, []);
  });

  it('--output writes elsewhere; a missing or malformed baseline stops with exit 2', async () => {
    mkdirSync(path.join(dir, 'ci'), { recursive: true });
    assert.equal((await cli(['baseline', 'flows', '--output', 'ci/known.json'], dir)).code, 0);
    assert.equal((await cli(['flows', '--baseline', 'ci/known.json'], dir)).code, 0);
    const missing = await cli(['flows', '--baseline', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'flowguard: Cannot read baseline nope.json: no such file.\n');
    writeFileSync(path.join(dir, 'bad.json'), '{"version": 2, "findings": []}');
    const bad = await cli(['flows', '--baseline', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^flowguard: bad\.json is not a FlowGuard baseline: expected \{"version": 1/);
  });

  it('writes no baseline while a file cannot be read', async () => {
    writeFileSync(path.join(dir, 'flows', 'broken.json'), '{"properties": {"definition": {"triggers": {');
    try {
      const run = await cli(['baseline', 'flows', '--output', 'partial.json'], dir);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^flowguard: no baseline written: 1 file could not be read:\n {2}flows\/broken\.json:1: /);
      assert.throws(() => readFileSync(path.join(dir, 'partial.json')));
    } finally {
      rmSync(path.join(dir, 'flows', 'broken.json'));
    }
  });
});

