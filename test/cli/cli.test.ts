import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

interface JsonReport {
  findings: { ruleId: string; severity: string; file: string; line: number; column: number; action: string | null; flow: string | null; connector: string | null }[];
  unreadable: { file: string; line: number; column: number; message: string }[];
  summary: { files: number; flows: number; errors: number; warnings: number; infos: number };
}

/** A scratch workspace holding the DLP fixtures and the fixture policy. */
function workspace(config?: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-cli-'));
  cpSync(path.join(FIXTURES, 'dlp'), path.join(dir, 'flows'), { recursive: true });
  if (config) writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify(config, null, 2));
  return dir;
}

describe('cli', () => {
  const dirs: string[] = [];
  const make = (config?: object): string => {
    const dir = workspace(config);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('finds flowguard.json above the linted folder and reports DLP findings as json', async () => {
    const dir = make({ policies: ['flows/policy.dlp.json'] });
    const run = await cli(['flows', '--format', 'json'], dir);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.equal(report.summary.flows, 20);
    assert.deepEqual(report.unreadable, []);
    const blocked = report.findings.filter((f) => f.ruleId === 'dlp/blocked-connector').map((f) => [f.file, f.line, f.column, f.action]);
    assert.deepEqual(blocked, [
      ['flows/blocked-connector/dropbox-action.json', 75, 9, 'Create_file'],
      ['flows/blocked-connector/legacy-path-based.json', 1, 689, 'Create_file'],
      ['flows/blocked-connector/nested-in-else-branch.json', 98, 19, 'Send_email_(V2)'],
    ]);
    assert.equal(report.summary.errors, report.findings.filter((f) => f.severity === 'error').length);
  });

  it('says once that no policy was found, and exits 0 when nothing else is wrong', async () => {
    const dir = make();
    const run = await cli(['flows/blocked-connector/allowed-connectors.json'], dir);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.match(/No DLP policy found/g)?.length, 1);
  });

  it('--rule turns a rule off and --quiet keeps errors only', async () => {
    const dir = make({ policies: ['flows/policy.dlp.json'] });
    const off = JSON.parse((await cli(['flows', '--format', 'json', '--rule', 'dlp/blocked-connector=off'], dir)).stdout) as JsonReport;
    assert.ok(!off.findings.some((f) => f.ruleId === 'dlp/blocked-connector'));
    const quiet = JSON.parse((await cli(['flows', '--format', 'json', '--quiet'], dir)).stdout) as JsonReport;
    assert.ok(quiet.findings.length > 0 && quiet.findings.every((f) => f.severity === 'error'));
  });

  it('--max-warnings decides the exit code when only warnings remain', async () => {
    const dir = make({ policies: ['flows/policy.dlp.json'] });
    // SharePoint and Outlook only: Business connectors, but no error handling (a warning).
    const flow = 'flows/blocked-connector/allowed-connectors.json';
    assert.equal((await cli([flow], dir)).code, 0);
    assert.equal((await cli([flow, '--max-warnings', '0'], dir)).code, 1);
  });

  it('stops with exit 2 naming the file, line and problem of a bad flowguard.json', async () => {
    const dir = make();
    writeFileSync(path.join(dir, 'flowguard.json'), '{\n  "policies": ["flows/policy.dlp.json"],\n  "rules": { "dlp/blocked-connector": "loud" }\n}\n');
    const run = await cli(['flows'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^flowguard: flowguard\.json:3:39: "rules\.dlp\/blocked-connector" must be one of off, info, warning, error\./);
  });

  it('names the line in flowguard.json of a policy that is missing or matches nothing', async () => {
    const dir = make();
    writeFileSync(path.join(dir, 'flowguard.json'), '{\n  "policies": [\n    "dlp/*.json"\n  ]\n}\n');
    const glob = await cli(['flows'], dir);
    assert.equal(glob.code, 2);
    assert.match(glob.stderr, /^flowguard: flowguard\.json:3:5: No DLP policy file matches "dlp\/\*\.json"/);
    writeFileSync(path.join(dir, 'flowguard.json'), '{\n  "policies": [\n    "dlp/tenant.json"\n  ]\n}\n');
    const missing = await cli(['flows'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^flowguard: flowguard\.json:3:5: Cannot read DLP policy dlp\/tenant\.json: no such file\./);
  });

  it('stops with exit 2 on a policy that does not validate', async () => {
    const dir = make({ policies: ['bad.dlp.json'] });
    writeFileSync(path.join(dir, 'bad.dlp.json'), '{\n  "name": "Bad",\n  "default": "sometimes"\n}\n');
    const run = await cli(['flows'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.dlp\.json:3:\d+: .*default/);
  });

  it('names the line of an unknown rule in flowguard.json', async () => {
    const dir = make();
    writeFileSync(path.join(dir, 'flowguard.json'), '{\n  "rules": {\n    "dlp/blocked-conector": "off"\n  }\n}\n');
    const run = await cli(['flows'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^flowguard: flowguard\.json:3:5: Unknown rule "dlp\/blocked-conector"/);
  });

  it('rejects unknown rules and formats as usage errors', async () => {
    const dir = make();
    const unknownRule = await cli(['--rule', 'dlp/nope=off'], dir);
    assert.equal(unknownRule.code, 2);
    assert.match(unknownRule.stderr, /Unknown rule "dlp\/nope"/);
    const badFormat = await cli(['--format', 'xml'], dir);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of stylish, json, sarif/);
  });

  it('lists unreadable files, lints the rest and exits 2', async () => {
    const dir = make({ policies: ['flows/policy.dlp.json'] });
    writeFileSync(path.join(dir, 'flows', 'truncated.json'), '{"properties": {"definition": {"triggers": {}, "actions": {');
    const report = JSON.parse((await cli(['flows', '--format', 'json'], dir)).stdout) as JsonReport;
    assert.deepEqual(report.unreadable.map((u) => [u.file, u.line]), [['flows/truncated.json', 1]]);
    assert.ok(report.findings.length > 0);
    assert.equal((await cli(['flows'], dir)).code, 2);
  });

  it('--environment selects environment-scoped policies', async () => {
    const dir = make({ policies: ['flows/policy.dlp.json', 'prod.dlp.json'] });
    writeFileSync(path.join(dir, 'prod.dlp.json'), JSON.stringify({ name: 'Production', environments: { only: ['Contoso Production'] }, blocked: ['shared_planner'] }));
    const count = async (args: string[]): Promise<number> =>
      (JSON.parse((await cli(['flows', '--format', 'json', ...args], dir)).stdout) as JsonReport).findings.filter((f) => f.connector === 'shared_planner' && f.ruleId === 'dlp/blocked-connector').length;
    assert.equal(await count([]), 0);
    assert.equal(await count(['--environment', 'contoso production']), 2);
  });

  it('the bundled CLI writes SARIF to --output and prints stylish by default', () => {
    const dir = make({ policies: ['flows/policy.dlp.json'] });
    const sarifRun = bundledCli(['flows', '--format', 'sarif', '--output', 'out/flowguard.sarif'], dir);
    assert.equal(sarifRun.code, 1, sarifRun.stderr);
    assert.equal(sarifRun.stdout, '');
    const stylish = bundledCli(['flows'], dir);
    assert.match(stylish.stdout, /flows\/blocked-connector\/dropbox-action\.json\n(?:.+\n)*?\s+75:9\s+error\s+.*dlp\/blocked-connector/);
    assert.match(stylish.stdout, /\d+ problems? \(\d+ errors?/);
  });
});

describe('cli: suppressions', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-suppress-'));
    cpSync(path.join(FIXTURES, 'suppressions', 'missing-reason'), path.join(dir, 'flows'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const dataPaths = (report: JsonReport) => report.findings.filter((f) => f.ruleId === 'exfiltration/http-data-path').length;

  it("honours a note on the action and says how many findings it suppressed", async () => {
    const run = await cli(['flows/note-with-reason.json', '--format', 'json'], dir);
    assert.equal(dataPaths(JSON.parse(run.stdout) as JsonReport), 0);
    assert.match(run.stderr, /1 finding is suppressed/);
  });

  it('honours an exceptions entry in flowguard.json, and --no-suppressions shows everything', async () => {
    writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ exceptions: [{ rule: 'exfiltration/http-data-path', flow: 'note-without-reason', reason: 'payroll provider under contract' }] }));
    const suppressed = JSON.parse((await cli(['flows/note-without-reason.json', '--format', 'json'], dir)).stdout) as JsonReport;
    assert.equal(dataPaths(suppressed), 0);
    const audit = JSON.parse((await cli(['flows/note-without-reason.json', '--format', 'json', '--no-suppressions'], dir)).stdout) as JsonReport;
    assert.equal(dataPaths(audit), 1);
    rmSync(path.join(dir, 'flowguard.json'));
  });

  it('keeps suppressed findings in SARIF, marked with their kind and reason', async () => {
    const sarif = JSON.parse((await cli(['flows/note-with-reason.json', '--format', 'sarif'], dir)).stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[] }[] };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'exfiltration/http-data-path');
    assert.deepEqual(result?.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'payroll provider under contract PR-2024-17, reviewed by security' }]);
  });
});
