import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { ROOT } from '../helpers/fixtures';

const WORKFLOWS = 'samples/ContosoExpenses/src/Workflows';
const DROPBOX = `${WORKFLOWS}/BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json`;
const SYNC = `${WORKFLOWS}/Syncinvoicestopartner-AD514F7E-9B2D-EE11-9CBE-0022480A1F31.json`;
const DIGEST = `${WORKFLOWS}/Weeklysalesdigest-7A2E1D4B-9B2D-EE11-9CBE-0022480A1F31.json`;
const DIGEST_MOVED = `${WORKFLOWS}/WeeklySalesDigestRenamed-7A2E1D4B-9B2D-EE11-9CBE-0022480A1F31.json`;

function git(args: string[], cwd: string): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

interface ReviewJson {
  base: { ref: string; commit: string };
  summary: { flowsAdded: number; flowsRemoved: number; flowsChanged: number; flowsUnchanged: number; new: Record<string, number>; fixed: Record<string, number> };
  flows: {
    status: string;
    flow: string;
    file: string;
    baseFile: string | null;
    connectors: { added: { id: string; name: string; group: string; usedBy: string[] }[]; removed: { id: string }[] };
    newFindings: { ruleId: string; severity: string; message: string; line: number }[];
    fixedFindings: { ruleId: string; line: number }[];
  }[];
}

/**
 * A repository with two commits. Base: the samples without the Dropbox flow. Head: the Dropbox
 * flow added, the Catch of 'Sync invoices to partner' made to run after a time-out too (fixing
 * error-handling/incomplete-catch), and 'Weekly sales digest' renamed (same flow id).
 */
function scratchRepository(): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'flowguard-review-'));
  git(['init', '-q', '-b', 'main'], repo);
  git(['config', 'user.name', 'FlowGuard Test'], repo);
  git(['config', 'user.email', 'test@flowguard.invalid'], repo);
  git(['config', 'commit.gpgsign', 'false'], repo);
  cpSync(path.join(ROOT, 'samples'), path.join(repo, 'samples'), { recursive: true });
  const dropbox = readFileSync(path.join(repo, DROPBOX));
  const sidecar = readFileSync(path.join(repo, `${DROPBOX}.data.xml`));
  rmSync(path.join(repo, DROPBOX));
  rmSync(path.join(repo, `${DROPBOX}.data.xml`));
  git(['add', '-A'], repo);
  git(['commit', '-q', '-m', 'base'], repo);

  writeFileSync(path.join(repo, DROPBOX), dropbox);
  writeFileSync(path.join(repo, `${DROPBOX}.data.xml`), sidecar);
  const sync = readFileSync(path.join(repo, SYNC), 'utf8');
  const fixed = sync.replace(/("Catch": \{\s*"runAfter": \{\s*"Try": \[\s*)"Failed"/, '$1"Failed", "TimedOut"');
  assert.notEqual(fixed, sync);
  writeFileSync(path.join(repo, SYNC), fixed);
  renameSync(path.join(repo, DIGEST), path.join(repo, DIGEST_MOVED));
  renameSync(path.join(repo, `${DIGEST}.data.xml`), path.join(repo, `${DIGEST_MOVED}.data.xml`));
  git(['add', '-A'], repo);
  git(['commit', '-q', '-m', 'head'], repo);
  return repo;
}

describe('cli: review', function () {
  this.timeout(60_000);
  let repo: string;
  before(() => {
    repo = scratchRepository();
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('json: the added flow with its Blocked connector and new findings, the fixed finding, the moved flow unchanged', async () => {
    const run = await cli(['review', '--base', 'HEAD~1', 'samples', '--format', 'json'], repo);
    assert.equal(run.code, 1, run.stderr);
    const review = JSON.parse(run.stdout) as ReviewJson;
    assert.equal(review.base.ref, 'HEAD~1');
    assert.equal(review.base.commit, git(['rev-parse', 'HEAD~1'], repo));
    assert.deepEqual(review.summary, {
      flowsAdded: 1,
      flowsRemoved: 0,
      flowsChanged: 1,
      flowsUnchanged: 7,
      new: { errors: 4, warnings: 2, infos: 0 },
      fixed: { errors: 0, warnings: 1, infos: 0 },
    });
    const [added, changed] = review.flows;
    assert.equal(added!.status, 'added');
    assert.equal(added!.flow, 'Backup receipts to Dropbox');
    assert.equal(added!.file, DROPBOX);
    const dropbox = added!.connectors.added.find((c) => c.id === 'shared_dropbox');
    assert.deepEqual(dropbox, { id: 'shared_dropbox', name: 'Dropbox', group: 'blocked', groups: [{ policy: 'Contoso Tenant Baseline', group: 'blocked', listed: true }], usedBy: ['Create_file_in_Dropbox'] });
    assert.deepEqual(
      added!.newFindings.map((f) => f.ruleId),
      ['error-handling/no-failure-path', 'dlp/blocked-connector', 'exfiltration/external-connector-data-path', 'exfiltration/external-connector-data-path', 'exfiltration/http-data-path', 'dlp/endpoint-unverifiable'],
    );
    assert.equal(changed!.status, 'changed');
    assert.equal(changed!.flow, 'Sync invoices to partner');
    assert.deepEqual(changed!.connectors, { added: [], removed: [] });
    assert.deepEqual(changed!.newFindings, []);
    assert.deepEqual(changed!.fixedFindings.map((f) => [f.ruleId, f.line]), [['error-handling/incomplete-catch', 104]]);
    assert.ok(!review.flows.some((f) => f.flow === 'Weekly sales digest'), 'a renamed file keeps its flow and findings');
  });

  it('stylish: a reviewer reads the connector and the data path without opening a file', async () => {
    const run = await cli(['review', '--base', 'HEAD~1', 'samples'], repo);
    assert.equal(run.code, 1);
    const text = run.stdout;
    assert.ok(text.startsWith(`FlowGuard review against HEAD~1 (${git(['rev-parse', 'HEAD~1'], repo).slice(0, 12)})\n`));
    assert.ok(text.includes(`\nFlow 'Backup receipts to Dropbox' (added)\n  ${DROPBOX}\n`));
    assert.ok(text.includes('\n  + Dropbox (Blocked): Create_file_in_Dropbox\n'));
    assert.ok(text.includes("\n  new: error exfiltration/external-connector-data-path: Data from SharePoint 'Get_file_content' reaches Dropbox 'Create_file_in_Dropbox'"));
    assert.ok(text.includes("\nFlow 'Sync invoices to partner'\n"));
    assert.ok(text.includes("\n  fixed: warning error-handling/incomplete-catch: 'Catch' runs after 'Try' has failed but not after it has timed out"));
    assert.match(text, /\n✖ 1 flow added, 1 changed, 0 removed; 6 new problems \(4 errors, 2 warnings, 0 infos\), 1 fixed; 7 flows without security changes\n$/);
  });

  it('markdown: a verdict, the connector table and the findings table per flow', async () => {
    const run = await cli(['review', '--base', 'HEAD~1', 'samples', '--format', 'markdown'], repo);
    assert.equal(run.code, 1);
    const text = run.stdout;
    assert.ok(text.startsWith('### FlowGuard review\n\n❌ **This change adds 4 errors.** 1 flow added, 1 changed, 0 removed; 6 new problems (4 errors, 2 warnings, 0 infos), 1 fixed. Compared with HEAD\\~1 ('));
    assert.ok(text.includes("#### Flow 'Backup receipts to Dropbox' (added)"));
    assert.ok(text.includes('| ➕ added | Dropbox | Blocked | Create\\_file\\_in\\_Dropbox |'));
    assert.match(text, /\| 🆕 new \| 🔴 error \| \[`exfiltration\/external-connector-data-path`\]\([^)]+\) \| 90 \| Create\\_file\\_in\\_Dropbox \| Data from SharePoint 'Get\\_file\\_content' reaches Dropbox/);
    assert.match(text, /\| ✅ fixed \| 🟡 warning \| \[`error-handling\/incomplete-catch`\]\([^)]+\) \| 104 \(base\) \|/);
    assert.ok(text.includes("  - line 70: 1. business data enters at SharePoint 'Get\\_file\\_content'"));
  });

  it('exits 0 when the change adds no error, and reports removed flows and connectors', async () => {
    const run = await cli(['review', '--base', 'HEAD', 'samples', '--format', 'json'], repo);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as ReviewJson).flows, []);
    // Compared the other way round, the Dropbox flow is removed: nothing new, exit 0.
    git(['checkout', '-q', 'HEAD~1'], repo);
    try {
      const back = await cli(['review', '--base', 'main', 'samples', '--format', 'json'], repo);
      assert.equal(back.code, 0, back.stderr);
      const review = JSON.parse(back.stdout) as ReviewJson;
      const removed = review.flows.find((f) => f.status === 'removed')!;
      assert.equal(removed.flow, 'Backup receipts to Dropbox');
      assert.ok(removed.connectors.removed.some((c) => c.id === 'shared_dropbox'));
      assert.deepEqual(review.summary.new, { errors: 0, warnings: 1, infos: 0 });
    } finally {
      git(['checkout', '-q', 'main'], repo);
    }
  });

  it('treats a path the change deletes as removed flows, and refuses a path that exists on neither side', async () => {
    const zip = 'samples/HelpdeskTickets_1_0_0_1.zip';
    const aside = path.join(repo, '..', `${path.basename(repo)}-aside.zip`);
    renameSync(path.join(repo, zip), aside);
    try {
      const run = await cli(['review', '--base', 'HEAD', zip, '--format', 'json'], repo);
      assert.equal(run.code, 0, run.stderr);
      const review = JSON.parse(run.stdout) as ReviewJson;
      assert.deepEqual(review.flows.map((f) => [f.status, f.flow]), [['removed', 'Create ticket from email'], ['removed', 'Escalate ticket']]);
    } finally {
      renameSync(aside, path.join(repo, zip));
    }
    const nowhere = await cli(['review', '--base', 'HEAD', 'samples/nope'], repo);
    assert.equal(nowhere.code, 2);
    assert.equal(nowhere.stderr, 'flowguard: samples/nope: no such file or folder, in the work tree or at HEAD.\n');
  });

  it('exits 2 naming the revision that does not exist, or saying there is no repository', async () => {
    const missing = await cli(['review', '--base', 'origin/nope', 'samples'], repo);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^flowguard: --base 'origin\/nope' does not name a commit in this repository\./);
    const option = await cli(['review', '--base', '--output=x', 'samples'], repo);
    assert.equal(option.code, 2);
    const outside = mkdtempSync(path.join(tmpdir(), 'flowguard-nogit-'));
    try {
      const run = await cli(['review', '--base', 'main'], outside);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /is not inside a git work tree/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const usage = await cli(['review', 'samples'], repo);
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr, 'flowguard: flowguard review needs --base REF, the git revision to compare with; see flowguard review --help\n');
  });
});
