import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

const PARENT = 'sol/Workflows/Syncinvoicesnightly-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json';
const CHILD = 'sol/Workflows/HELPERPosttocollector-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json';
/** What the parent passes in the child's input 'text': SharePoint items, or in the base a literal. */
const ITEMS = "\"@{body('Get_items')?['value']}\"";

function git(args: string[], cwd: string): void {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
}

interface JsonReport {
  findings: { ruleId: string; file: string; line: number; action?: string; related?: { file: string; line: number; message: string }[] }[];
}

describe('cli: data paths across child flows', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-child-flows-'));
    cpSync(path.join(FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-sends-input'), path.join(dir, 'sol'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("json: the finding is in the child's file, its hops in both files, in order", async () => {
    const run = await cli(['sol', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as JsonReport;
    const finding = report.findings.find((f) => f.ruleId === 'exfiltration/http-data-path');
    assert.equal(finding?.file, CHILD);
    assert.equal(finding?.action, 'Send_to_collector');
    assert.deepEqual(
      finding?.related?.map((r) => [r.file, r.message.replace(/ '.*$/, '')]),
      [
        [PARENT, '1. business data enters at SharePoint'],
        [PARENT, '2. passed to child flow'],
        [CHILD, '3. received by flow'],
        [CHILD, '4. passed on by'],
        [CHILD, '5. leaves at'],
      ],
    );
  });

  it('stylish: the hops in the other file name it', async () => {
    const run = await cli(['sol'], dir);
    assert.match(run.stdout, new RegExp(`↳ ${PARENT.replace(/[.]/g, '\\.')}:\\d+:\\d+  2\\. passed to child flow 'HELPER - Post to collector' by 'Run_a_Child_Flow' \\(input 'text'\\)`));
  });

  it('sarif: the code flow runs through both files', async () => {
    const run = await cli(['sol', '--format', 'sarif'], dir);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; codeFlows?: { threadFlows: { locations: { location: { physicalLocation: { artifactLocation: { uri: string } } } }[] }[] }[] }[] }[] };
    const result = sarif.runs[0]?.results.find((r) => r.ruleId === 'exfiltration/http-data-path');
    const uris = result?.codeFlows?.[0]?.threadFlows[0]?.locations.map((l) => l.location.physicalLocation.artifactLocation.uri) ?? [];
    assert.ok(uris.some((u) => u.endsWith(path.posix.basename(PARENT))) && uris.some((u) => u.endsWith(path.posix.basename(CHILD))), uris.join(', '));
  });

  it('connectors: each flow lists the child flows it runs, in the table and in JSON', async () => {
    const table = await cli(['connectors', 'sol'], dir);
    assert.match(table.stdout, /Flow 'Sync invoices nightly' in solution ContosoInvoices\n(?: {2}.*\n)* {2}runs child flow 'HELPER - Post to collector': Run_a_Child_Flow\n/);
    const json = JSON.parse((await cli(['connectors', 'sol', '--format', 'json'], dir)).stdout) as { flows: { flow: string; childFlows: { action: string; flow: string | null; file: string | null }[] }[] };
    assert.deepEqual(
      json.flows.map((f) => [f.flow, f.childFlows.map((c) => [c.action, c.flow, c.file])]),
      [
        ['HELPER - Post to collector', []],
        ['Sync invoices nightly', [['Run_a_Child_Flow', 'HELPER - Post to collector', CHILD]]],
      ],
    );
  });

  it('a flow linted without its child: one info note on the call, and the path stops there', async () => {
    const run = await cli([PARENT, '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId.startsWith('exfiltration/')).map((f) => [f.ruleId, f.action]),
      [['exfiltration/unresolved-child-flow', 'Run_a_Child_Flow']],
    );
  });

  it('review: a change to the parent opens a path reported in the unchanged child, with the hops through both files', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'flowguard-child-review-'));
    try {
      git(['init', '-q', '-b', 'main'], repo);
      git(['config', 'user.name', 'FlowGuard Test'], repo);
      git(['config', 'user.email', 'test@flowguard.invalid'], repo);
      git(['config', 'commit.gpgsign', 'false'], repo);
      cpSync(path.join(dir, 'sol'), path.join(repo, 'sol'), { recursive: true });
      const parent = readFileSync(path.join(repo, PARENT), 'utf8');
      assert.ok(parent.includes(ITEMS));
      writeFileSync(path.join(repo, PARENT), parent.replace(ITEMS, '"nightly run"'));
      git(['add', '-A'], repo);
      git(['commit', '-q', '-m', 'base'], repo);
      writeFileSync(path.join(repo, PARENT), parent);
      git(['commit', '-q', '-am', 'head'], repo);

      const run = await cli(['review', '--base', 'HEAD~1', 'sol'], repo);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /Flow 'HELPER - Post to collector'\n {2}sol\/Workflows\/HELPERPosttocollector-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31\.json\n {2}new: error exfiltration\/http-data-path: Data from SharePoint 'Get_items' of flow 'Sync invoices nightly'/);
      assert.match(run.stdout, /↳ sol\/Workflows\/Syncinvoicesnightly-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31\.json:\d+:\d+ {2}2\. passed to child flow/);
      assert.match(run.stdout, /1 new problem \(1 error/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
