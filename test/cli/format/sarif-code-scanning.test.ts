import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { readZip } from '../../../core/artifacts/zip';
import { allRules } from '../../../rules';
import { bundledCli } from '../../helpers/cli';
import { ROOT } from '../../helpers/fixtures';
import { makeZip } from '../../helpers/make-zip';

// SARIF as GitHub code scanning reads it, from the bundled CLI on a repository of exports:
// what it tracks alerts by (primaryLocationLineHash), where it reads paths from (the
// repository root), what it ranks and files as security, what it shows under "Show paths"
// and as the rule's help.

const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { code: number; log: Sarif.Log; stderr: string } {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'flowguard-sarif-out-')), 'report.sarif');
  const result = spawnSync(process.execPath, [CLI, ...args, '--format', 'sarif', '--output', out], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_WORKSPACE: '', NO_COLOR: '1', ...env },
  });
  const log = JSON.parse(readFileSync(out, 'utf8')) as Sarif.Log;
  rmSync(path.dirname(out), { recursive: true, force: true });
  return { code: result.status ?? -1, log, stderr: result.stderr };
}

function results(log: Sarif.Log): Sarif.Result[] {
  return log.runs[0]!.results ?? [];
}

const uriOf = (r: Sarif.Result) => r.locations![0]!.physicalLocation!.artifactLocation!.uri!;
const lineOf = (r: Sarif.Result) => r.locations![0]!.physicalLocation!.region!.startLine!;
const hashOf = (r: Sarif.Result) => r.partialFingerprints?.['primaryLocationLineHash'] ?? '';
/** What GitHub tells alerts apart by: the rule, the file and the fingerprint. */
const alerts = (log: Sarif.Log) => results(log).map((r) => `${r.ruleId} ${uriOf(r)} ${hashOf(r)}`).sort();

/** The names of every trigger and action, nested ones included (anything under "triggers" or "actions"). */
function stepNames(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value !== 'object' || value === null) return into;
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'actions' || key === 'triggers') && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      for (const name of Object.keys(child)) into.add(name);
    }
    stepNames(child, into);
  }
  return into;
}

/** The export written again as another tool writes it: another indentation, Windows line ends. */
function reexport(text: string): string {
  return `${JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, '')), null, 4).replace(/\n/g, '\r\n')}\r\n`;
}

/** A line inserted above every trigger and action, so every step and every finding moves down. */
function insertLines(text: string): string {
  const names = stepNames(JSON.parse(text.replace(/^\uFEFF/, '')));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text
    .split(eol)
    .flatMap((line) => {
      const key = /^\s*"((?:[^"\\]|\\.)*)": \{$/.exec(line)?.[1];
      return key !== undefined && names.has(JSON.parse(`"${key}"`) as string) ? ['', line] : [line];
    })
    .join(eol);
}

/** Every file under `dir`, recursively, in a stable order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((rel) => path.join(dir, rel))
    .filter((file) => statSync(file).isFile());
}

/**
 * The next commit of the repository: every flow file changed by `change`, and every zip rebuilt
 * with its flows changed alike, its entries in the other order, other timestamps and the other
 * compression method.
 */
async function nextCommit(exports: string, change: (text: string) => string, zip: { method: 'store' | 'deflate'; modified: Date }): Promise<void> {
  for (const file of filesUnder(exports)) {
    const name = path.basename(file);
    if (name.endsWith('.json') && name !== 'flowguard.json') {
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    } else if (name.endsWith('.zip')) {
      const archive = await readZip(name, new Uint8Array(readFileSync(file)));
      const entries = [...archive.entries].reverse().map(([entry, bytes]): [string, string | Uint8Array] => [
        entry,
        entry.endsWith('.json') ? change(Buffer.from(bytes).toString('utf8')) : bytes,
      ]);
      writeFileSync(file, makeZip(Object.fromEntries(entries), zip));
    }
  }
}

describe('SARIF as GitHub code scanning reads it (the bundled CLI on a repository of exports)', function () {
  this.timeout(120_000);
  let repo: string;
  let exports: string;

  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'flowguard-repo-'));
    mkdirSync(path.join(repo, '.git'));
    exports = path.join(repo, 'exports');
    cpSync(path.join(ROOT, 'samples'), exports, { recursive: true });
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('keeps every alert across a re-exported commit and a commit with a line inserted above every action', async () => {
    const zips = () => filesUnder(exports).filter((f) => f.endsWith('.zip')).map((f) => readFileSync(f));
    const key = (r: Sarif.Result) => `${r.ruleId} ${uriOf(r)} ${hashOf(r)}`;
    const first = run(['.'], exports);
    assert.equal(first.code, 1, first.stderr);
    const before = results(first.log);
    assert.ok(before.length > 20, 'the samples give a good number of alerts');
    assert.ok(before.some((r) => uriOf(r).endsWith('.zip')), 'some of them inside zips');
    assert.ok(before.some((r) => r.codeFlows), 'some of them data paths');
    for (const r of before) assert.match(hashOf(r), /^[0-9a-f]{16}:\d+$/);
    const lineBefore = new Map(before.map((r) => [key(r), lineOf(r)]));

    // Commit 1: everything exported again (re-indented, CRLF) and the zips rebuilt.
    const zipsBefore = zips();
    await nextCommit(exports, reexport, { method: 'store', modified: new Date(2025, 5, 30, 17, 45, 12) });
    zips().forEach((bytes, i) => assert.ok(!bytes.equals(zipsBefore[i]!), 'the zip bytes changed'));
    const reexported = run(['.'], exports);
    assert.deepEqual(alerts(reexported.log), alerts(first.log), 'the same alerts after the re-export');

    // Commit 2: a line inserted above every trigger and action, the zips rebuilt once more.
    await nextCommit(exports, insertLines, { method: 'deflate', modified: new Date(2026, 0, 2, 8, 0, 0) });
    const shifted = run(['.'], exports);
    assert.deepEqual(alerts(shifted.log), alerts(first.log), 'the same alerts after the lines moved');

    // Although the findings did move: those in unpacked flows are further down the file now.
    const moved = results(shifted.log).filter((r) => !uriOf(r).endsWith('.zip') && lineBefore.get(key(r))! > 1);
    assert.ok(moved.length > 10);
    for (const r of moved) assert.ok(lineOf(r) > lineBefore.get(key(r))!, `${r.ruleId} in ${uriOf(r)} moved down`);
  });

  it('writes paths from the repository root, and the same fingerprints, whichever folder it runs in', () => {
    const inExports = run(['.'], exports);
    const atRoot = run(['exports', '--config', 'exports/flowguard.json'], repo);
    const deeper = path.join(exports, 'ContosoExpenses');
    const inSolution = run(['.', '--config', '../flowguard.json'], deeper);
    const solutionAlerts = alerts(inExports.log).filter((a) => a.includes(' exports/ContosoExpenses/'));
    assert.ok(solutionAlerts.length > 0);
    assert.deepEqual(alerts(atRoot.log), alerts(inExports.log));
    assert.deepEqual(alerts(inSolution.log), solutionAlerts);
    for (const r of results(inExports.log)) assert.match(uriOf(r), /^exports\//);

    const sarifRun = inSolution.log.runs[0]!;
    assert.equal(sarifRun.originalUriBaseIds!['%SRCROOT%']!.uri, `file://${repo}/`);
    assert.equal(sarifRun.invocations![0]!.workingDirectory!.uri, `file://${deeper}/`);
    for (const r of results(inSolution.log)) assert.equal(r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId, '%SRCROOT%');
  });

  it('takes the root from --sarif-root, else from GITHUB_WORKSPACE when there is no git work tree', () => {
    rmSync(path.join(repo, '.git'), { recursive: true });
    const flows = path.join(exports, 'ContosoExpenses');
    // No .git: paths start at the working folder...
    assert.ok(results(run(['.', '--config', '../flowguard.json'], flows).log).every((r) => uriOf(r).startsWith('src/')));
    // ...or at GITHUB_WORKSPACE, where a workflow checked the repository out...
    const workspace = run(['.', '--config', '../flowguard.json'], flows, { GITHUB_WORKSPACE: repo });
    assert.ok(results(workspace.log).every((r) => uriOf(r).startsWith('exports/ContosoExpenses/src/')));
    // ...or wherever --sarif-root says, relative to the working folder.
    const flag = run(['.', '--config', '../flowguard.json', '--sarif-root', '..'], flows, { GITHUB_WORKSPACE: repo });
    assert.ok(results(flag.log).every((r) => uriOf(r).startsWith('ContosoExpenses/src/')));
    assert.equal(flag.log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri, `file://${exports}/`);

    const missing = bundledCli(['.', '--format', 'sarif', '--sarif-root', 'no-such-folder'], flows);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--sarif-root no-such-folder is not a folder/);
    assert.match(bundledCli(['--help'], flows).stdout, /--sarif-root DIR/);
  });

  it('files only security rules as security alerts, each ranked by its own risk', () => {
    const rules = run(['.'], exports).log.runs[0]!.tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), allRules.map((r) => r.meta.id));
    const severity = new Map(rules.map((r) => [r.id, r.properties?.['security-severity'] as string | undefined]));
    for (const rule of rules) {
      const tags = rule.properties!.tags!;
      const meta = allRules.find((r) => r.meta.id === rule.id)!.meta;
      assert.equal(tags.includes('security'), meta.security !== undefined, rule.id);
      assert.equal(severity.get(rule.id) !== undefined, meta.security !== undefined, rule.id);
      assert.equal(rule.properties!.precision, meta.precision);
      assert.ok(['error', 'warning', 'recommendation'].includes(rule.properties!['problem.severity'] as string));
      if (!meta.security) assert.ok(tags.some((t) => ['reliability', 'maintainability', 'correctness'].includes(t)), `${rule.id} is a quality result`);
    }
    // A hardcoded secret and an exfiltration path are critical or high; retries and error handling are not security at all.
    assert.ok(Number(severity.get('secrets/hardcoded-secret')) >= 9);
    assert.ok(Number(severity.get('exfiltration/external-connector-data-path')) >= 7);
    for (const id of ['error-handling/retry-disabled', 'error-handling/no-failure-path', 'reliability/dangling-reference']) assert.equal(severity.get(id), undefined, id);
  });

  it('shows each data path under "Show paths": its steps in order, then the alert, and keeps them as related locations', () => {
    const paths = results(run(['.'], exports).log).filter((r) => r.ruleId!.startsWith('exfiltration/') && r.relatedLocations?.some((l) => /^1\. /.test(l.message!.text!)));
    assert.ok(paths.length >= 3);
    for (const r of paths) {
      assert.equal(r.codeFlows!.length, 1);
      const steps = r.codeFlows![0]!.threadFlows[0]!.locations!;
      const numbered = steps.slice(0, -1).map((s) => s.location!.message!.text!);
      assert.deepEqual(numbered.map((m) => Number(/^(\d+)\. /.exec(m)?.[1])), numbered.map((_, i) => i + 1), 'the steps, numbered from 1');
      assert.deepEqual(steps.at(-1)!.location!.physicalLocation, r.locations![0]!.physicalLocation, 'the path ends at the alert');
      for (const s of steps) assert.ok(s.location!.physicalLocation!.region!.startLine! >= 1);
      const related = r.relatedLocations!.map((l) => l.message!.text);
      for (const m of numbered) assert.ok(related.includes(m), `related locations list '${m}' too`);
    }
  });

  it("carries each rule's whole page as its help, from the bundle alone, wherever it runs", () => {
    // The CLI copied away from the repository, run in a folder with no docs anywhere near.
    const away = mkdtempSync(path.join(tmpdir(), 'flowguard-bundle-'));
    try {
      copyFileSync(CLI, path.join(away, 'cli.js'));
      const out = path.join(away, 'report.sarif');
      const result = spawnSync(process.execPath, [path.join(away, 'cli.js'), exports, '--format', 'sarif', '--output', out], { cwd: away, encoding: 'utf8' });
      assert.equal(result.status, 1, result.stderr);
      const rules = (JSON.parse(readFileSync(out, 'utf8')) as Sarif.Log).runs[0]!.tool.driver.rules!;
      let checked = 0;
      for (const rule of rules) {
        const file = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
        if (!existsSync(file)) continue; // a rule still being written; the completeness test says so
        const markdown = rule.help!.markdown!;
        // The whole page as written: every line of it but the markers of its generated part
        // (and links between pages, which are made absolute).
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (line.startsWith('<!--') || /\]\((?![a-z]+:|#)/.test(line)) continue;
          assert.ok(markdown.includes(line), `${rule.id}: "${line}"`);
        }
        assert.ok(!markdown.includes('<!--'), rule.id);
        checked++;
      }
      assert.ok(checked >= 20);
      const secret = rules.find((r) => r.id === 'secrets/hardcoded-secret')!.help!.markdown!;
      for (const heading of ['## What it finds', '## Why it matters', '## How to fix it', '### Bad', '### Fixed']) assert.ok(secret.includes(heading), heading);
    } finally {
      rmSync(away, { recursive: true, force: true });
    }
  });
});
