import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { FIXTURES, ROOT } from '../helpers/fixtures';
import { makeZip } from '../helpers/make-zip';

interface JsonReport {
  findings: { ruleId: string; file: string; flow: string | null }[];
  unreadable: { file: string }[];
}

const DROPBOX = 'samples/ContosoExpenses/src/Workflows/BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json';

describe('cli: --hook (the files a git hook passes)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-hook-'));
    cpSync(path.join(ROOT, 'samples'), path.join(dir, 'samples'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"name": "flows"}\n');
    // A zip that is no export (a broken one is still reported, as in a folder).
    writeFileSync(path.join(dir, 'notes.zip'), makeZip({ 'readme.txt': 'meeting notes' }));
    cpSync(path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-and-timed-out.json'), path.join(dir, 'clean.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const lint = async (args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> => {
    const run = await cli([...args, '--format', 'json'], dir);
    return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
  };

  it('lints a flow of an unpacked solution with its solution, and reports only the files named', async () => {
    const staged = [DROPBOX, 'samples/ContosoExpenses/src/Other/Customizations.xml', 'package.json', 'samples/policies/contoso-tenant-policy.json', 'notes.zip', 'deleted.json'];
    const { code, report } = await lint(['--hook', ...staged]);
    assert.equal(code, 1);
    assert.deepEqual(report.unreadable, []);
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))], [DROPBOX]);
    // The display name comes from the solution's .data.xml, as in CI and in the editor.
    assert.ok(report.findings.every((f) => f.flow === null || f.flow === 'Backup receipts to Dropbox'));
    assert.ok(report.findings.some((f) => f.ruleId === 'dlp/blocked-connector'));
  });

  it('without --hook, the same names are errors and the flow is read alone', async () => {
    const { code, report } = await lint([DROPBOX, 'package.json']);
    assert.equal(code, 2);
    assert.deepEqual(report.unreadable.map((u) => u.file), ['package.json']);
    assert.ok(report.findings.some((f) => f.flow === 'BackupreceiptstoDropbox'));
  });

  it('lints a solution zip named on its own, and passes a clean flow', async () => {
    const zip = await lint(['--hook', 'samples/HelpdeskTickets_1_0_0_1.zip']);
    assert.ok(zip.report.findings.length > 0);
    assert.ok(zip.report.findings.every((f) => f.file.startsWith('samples/HelpdeskTickets_1_0_0_1.zip!')));
    const clean = await lint(['--hook', 'clean.json', 'package.json']);
    assert.equal(clean.code, 0);
    assert.deepEqual(clean.report.findings, []);
  });
});
