import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeText } from '../../../core/artifacts/decode';
import type { Finding } from '../../../core/findings';
import { fixFiles } from '../../../core/fixes/fix-files';
import incompleteCatch from '../../../rules/error-handling/incomplete-catch';
import anonymousTrigger from '../../../rules/exfiltration/anonymous-http-trigger';
import unsecuredSecret from '../../../rules/secrets/unsecured-secret';
import { flowFromText, runRule } from '../../helpers/fixtures';
import { assertSameLineEndings, fixtureText, laidOut } from '../../helpers/fix-cases';

const BOM = [0xef, 0xbb, 0xbf];

describe('fixes/fixFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-fix-'));
    mkdirSync(path.join(dir, 'flows'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a fixture laid out as asked under flows/ and lints it with the rules given, as the CLI would. */
  function lintedFile(rel: string, layout: Parameters<typeof laidOut>[1], ...rules: (typeof unsecuredSecret)[]): { file: string; findings: Finding[] } {
    const text = laidOut(fixtureText(rel), layout);
    const file = `flows/${path.basename(rel)}`;
    writeFileSync(path.join(dir, file), text, 'utf8');
    const flow = flowFromText(text, file);
    return { file, findings: rules.flatMap((rule) => runRule(rule, flow, [])) };
  }

  const read = (file: string): Buffer => readFileSync(path.join(dir, file));

  it('applies the safe fixes, keeping the byte order mark and CRLF line endings, and leaves unsafe ones', async () => {
    const { file, findings } = lintedFile('exfiltration/anonymous-data-exposure/anonymous-returns-item.json', 'CRLF with BOM', anonymousTrigger);
    const handler = lintedFile('error-handling/incomplete-catch/failed-only.json', 'CRLF with BOM', incompleteCatch);
    const before = read(file);
    const result = await fixFiles([...findings, ...handler.findings], { cwd: dir, only: 'safe' });
    assert.deepEqual(result, { applied: 1, files: [handler.file], skipped: [] });
    assert.deepEqual(read(file), before, 'an unsafe fix is not applied');

    const bytes = read(handler.file);
    assert.deepEqual([...bytes.subarray(0, 3)], BOM);
    const source = decodeText(handler.file, new Uint8Array(bytes));
    assertSameLineEndings(laidOut(fixtureText('error-handling/incomplete-catch/failed-only.json'), 'CRLF with BOM'), source.text);
    assert.deepEqual(runRule(incompleteCatch, flowFromText(source.text, handler.file), []), []);
  });

  it('keeps a one-line file on one line, without adding a byte order mark', async () => {
    const { file, findings } = lintedFile('secrets/unsecured-secret/key-vault-unsecured-outputs.json', 'one line', unsecuredSecret);
    const result = await fixFiles(findings, { cwd: dir, only: 'safe' });
    assert.equal(result.applied, 1);
    const text = read(file).toString('utf8');
    assert.notEqual(text.charCodeAt(0), 0xfeff);
    assert.ok(!/[\r\n]/.test(text));
    assert.deepEqual(runRule(unsecuredSecret, flowFromText(text, file), []), []);
  });

  it('applies unsafe fixes too when not limited to safe ones', async () => {
    const { file, findings } = lintedFile('exfiltration/anonymous-http-trigger/anyone.json', 'as written', anonymousTrigger);
    assert.equal((await fixFiles(findings, { cwd: dir })).applied, 1);
    assert.match(read(file).toString('utf8'), /"triggerAuthenticationType": "Tenant"/);
  });

  it('leaves a fix that overlaps an earlier one for the next run', async () => {
    const { file, findings } = lintedFile('error-handling/incomplete-catch/failed-only.json', 'as written', incompleteCatch);
    const [finding] = findings;
    assert.ok(finding?.fixes);
    const twin: Finding = { ...finding, fixes: finding.fixes.map((f) => ({ ...f })) };
    const result = await fixFiles([finding, twin], { cwd: dir, only: 'safe' });
    assert.deepEqual(result, { applied: 1, files: [file], skipped: [] });
    assert.doesNotThrow(() => JSON.parse(read(file).toString('utf8')));
  });

  it('keeps UTF-16 files in UTF-16', async () => {
    const { file, findings } = lintedFile('error-handling/incomplete-catch/failed-only.json', 'as written', incompleteCatch);
    const text = read(file).toString('utf8');
    writeFileSync(path.join(dir, file), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    assert.equal((await fixFiles(findings, { cwd: dir, only: 'safe' })).applied, 1);
    const bytes = read(file);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.match(bytes.subarray(2).toString('utf16le'), /"TimedOut"/);
  });

  it('says why it skips an entry of a zip and a fix that would break the JSON, and writes neither', async () => {
    const { file, findings } = lintedFile('error-handling/incomplete-catch/failed-only.json', 'as written', incompleteCatch);
    const before = read(file);
    const [finding] = findings;
    assert.ok(finding);
    const inZip: Finding = { ...finding, file: 'Solution.zip!Workflows/Flow.json', fixes: [{ title: 'x', safe: true, edits: [{ ...finding.fixes![0]!.edits[0]!, file: 'Solution.zip!Workflows/Flow.json' }] }] };
    const breaking: Finding = { ...finding, fixes: [{ title: 'x', safe: true, edits: [{ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: '[' }] }] };
    const result = await fixFiles([inZip, breaking], { cwd: dir, only: 'safe' });
    assert.equal(result.applied, 0);
    assert.deepEqual(result.files, []);
    assert.deepEqual(result.skipped.map((s) => s.file), ['Solution.zip!Workflows/Flow.json', file]);
    assert.match(result.skipped[0]!.reason, /zip/);
    assert.match(result.skipped[1]!.reason, /not be valid JSON/);
    assert.deepEqual(read(file), before);
  });
});
