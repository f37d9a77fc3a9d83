import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli } from '../../helpers/cli';
import { ROOT } from '../../helpers/fixtures';
import { matchProblems, type MatchedProblem, type ProblemPattern } from '../../helpers/problem-matcher';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

interface Matcher {
  name: string;
  owner: string;
  source: string;
  fileLocation: string[];
  pattern: ProblemPattern[];
}

const SAMPLES = path.join(ROOT, 'samples');
const ZIP_SAMPLE = 'HelpdeskTickets_1_0_0_1.zip';
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } };

function flowguardMatcher(): Matcher {
  const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'flowguard');
  assert.ok(matcher, 'package.json contributes a problem matcher named flowguard ($flowguard in tasks.json)');
  return matcher;
}

/** What a matched problem should be: the JSON report's finding, as VS Code turns the text into a marker. */
function expected(f: JsonFinding): MatchedProblem {
  return { file: f.file, line: f.line, column: f.column, severity: f.severity, code: f.ruleId, message: f.message };
}

const order = (a: MatchedProblem, b: MatchedProblem): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || String(a.code).localeCompare(String(b.code)) || a.message.localeCompare(b.message));

async function reports(cwd: string): Promise<{ stylish: string; findings: JsonFinding[] }> {
  const stylish = await cli(['.'], cwd);
  const json = await cli(['--format', 'json', '.'], cwd);
  const findings = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings;
  assert.ok(findings.length > 0, `the CLI finds something in ${cwd}`);
  return { stylish: stylish.stdout, findings };
}

/** Each line read on its own: a file header names the file of the finding rows under it. */
function rowsByHeader(matcher: Matcher, stylish: string): MatchedProblem[] {
  const [header, row] = matcher.pattern.map((p) => ({ pattern: p, regexp: new RegExp(p.regexp) }));
  assert.ok(header && row);
  const lines = stylish.split('\n');
  const problems: MatchedProblem[] = [];
  let file: string | undefined;
  for (const [i, line] of lines.entries()) {
    const cells = row.regexp.exec(line);
    if (cells) {
      assert.ok(file, `row before any file header: ${line}`);
      const group = (n: number | undefined): string | undefined => (n === undefined ? undefined : cells[n]?.trim());
      problems.push({
        file,
        line: Number(group(row.pattern.line)),
        column: Number(group(row.pattern.column)),
        severity: group(row.pattern.severity),
        code: group(row.pattern.code),
        message: group(row.pattern.message) ?? '',
      });
    } else if (header.regexp.test(line) && row.regexp.test(lines[i + 1] ?? '')) {
      file = header.regexp.exec(line)?.[header.pattern.file ?? 1];
    }
  }
  return problems;
}

describe('the $flowguard problem matcher (contributes.problemMatchers)', () => {
  it("keeps its problems apart from the language server's, and reads paths from the task's folder", () => {
    const matcher = flowguardMatcher();
    // The language client's diagnostics belong to an owner named after its id, 'flowguard': a task
    // with that owner would replace them file by file and clear them where the CLI found nothing.
    assert.notEqual(matcher.owner, 'flowguard');
    // And they carry the source 'flowguard', which the status bar counts: a task's copies of the
    // same findings are told apart in the Problems panel and not counted twice.
    assert.equal(matcher.source, 'flowguard-cli');
    // The CLI prints paths relative to where it runs: a task's default folder, the workspace folder.
    // (VS Code 1.100 resolves ${cwd} there too, whatever the task's own cwd: seen in code-server.)
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
    assert.equal(matcher.pattern.length, 2);
    assert.equal(matcher.pattern[1]?.loop, true);
  });

  it("reads every file header and finding row of samples/' stylish report as the JSON report has them", async () => {
    const { stylish, findings } = await reports(SAMPLES);
    assert.deepEqual(rowsByHeader(flowguardMatcher(), stylish).sort(order), findings.map(expected).sort(order));
  });

  it('reads no related location, note or total line as a finding', async () => {
    const { stylish } = await reports(SAMPLES);
    const row = new RegExp(flowguardMatcher().pattern[1]?.regexp ?? '');
    const others = stylish.split('\n').filter((line) => /^\s+↳ |^note: |^[✖✔] /.test(line));
    assert.ok(others.some((line) => line.includes('↳')) && others.some((line) => line.startsWith('note: ')), 'the report has related locations and notes');
    for (const line of others) assert.ok(!row.test(line), `read as a finding: ${line}`);
  });

  it('gives a task every finding of a workspace holding only a solution zip, as VS Code reads the output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-matcher-'));
    try {
      copyFileSync(path.join(SAMPLES, ZIP_SAMPLE), path.join(dir, ZIP_SAMPLE));
      const { stylish, findings } = await reports(dir);
      const problems = matchProblems(flowguardMatcher().pattern, stylish);
      assert.deepEqual(problems.sort(order), findings.map(expected).sort(order));
      assert.ok(problems.every((p) => p.file.startsWith(`${ZIP_SAMPLE}!`)), 'a finding inside the zip names the zip and the entry');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the $flowguard-compact problem matcher and --format compact', () => {
  const compactMatcher = (): { owner: string; source: string; fileLocation: string[]; pattern: ProblemPattern } => {
    const matcher = (manifest.contributes.problemMatchers as unknown as { name: string; owner: string; source: string; fileLocation: string[]; pattern: ProblemPattern }[]).find((m) => m.name === 'flowguard-compact');
    assert.ok(matcher, 'package.json contributes a problem matcher named flowguard-compact');
    return matcher;
  };

  async function compactReport(cwd: string): Promise<{ compact: string; findings: JsonFinding[] }> {
    const compact = await cli(['--format', 'compact', '.'], cwd);
    const json = await cli(['--format', 'json', '.'], cwd);
    return { compact: compact.stdout, findings: (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings };
  }

  it('is owned and placed like $flowguard, one line per problem', () => {
    const matcher = compactMatcher();
    assert.equal(matcher.owner, flowguardMatcher().owner);
    assert.equal(matcher.source, 'flowguard-cli');
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
    assert.equal(Array.isArray(matcher.pattern), false);
  });

  it("gives a task every finding of samples/, those after a data path in the same file included, as VS Code reads the output", async () => {
    const { compact, findings } = await compactReport(SAMPLES);
    const problems = matchProblems([compactMatcher().pattern], compact);
    assert.deepEqual(problems.sort(order), findings.map(expected).sort(order));
    // The default report loses some of them to its related-location lines: the reason for this format.
    const { stylish } = await reports(SAMPLES);
    assert.ok(matchProblems(flowguardMatcher().pattern, stylish).length < findings.length, 'the stylish report has findings after a ↳ line');
  });

  it('gives every finding of a workspace holding only a solution zip, naming the zip and the entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-compact-'));
    try {
      copyFileSync(path.join(SAMPLES, ZIP_SAMPLE), path.join(dir, ZIP_SAMPLE));
      const { compact, findings } = await compactReport(dir);
      const problems = matchProblems([compactMatcher().pattern], compact);
      assert.deepEqual(problems.sort(order), findings.map(expected).sort(order));
      assert.ok(problems.every((p) => p.file.startsWith(`${ZIP_SAMPLE}!`)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends with the counts, which no matcher reads as a problem, and keeps notes on standard error', async () => {
    const result = await cli(['--format', 'compact', '.'], SAMPLES);
    const last = result.stdout.trimEnd().split('\n').pop() ?? '';
    assert.match(last, /^\d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\)$/);
    assert.equal(matchProblems([compactMatcher().pattern], `${last}\n`).length, 0);
    assert.ok(!result.stdout.includes('note:'), 'notes are not in the report');
    assert.match(result.stderr, /note: /);
  });
});
