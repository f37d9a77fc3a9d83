import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

interface JsonReport {
  findings: { ruleId: string; file: string }[];
  unreadable: unknown[];
}

const BOM = '\ufeff';

describe('cli: --fix', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-fix-'));
    mkdirSync(path.join(dir, 'flows'));
    // A Catch that runs after Failed but not TimedOut, as the fixture has it (LF, no BOM).
    writeFileSync(path.join(dir, 'flows', 'catch.json'), readFileSync(path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-only.json')));
    // A Key Vault secret without secure outputs, saved as Windows tools save it: CRLF and a BOM.
    const vault = readFileSync(path.join(FIXTURES, 'secrets', 'unsecured-secret', 'key-vault-unsecured-outputs.json'), 'utf8');
    writeFileSync(path.join(dir, 'flows', 'vault.json'), BOM + vault.replace(/\r?\n/g, '\r\n'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rules = async (): Promise<string[]> => {
    const report = JSON.parse((await cli(['flows', '--format', 'json'], dir)).stdout) as JsonReport;
    assert.deepEqual(report.unreadable, []);
    return report.findings.map((f) => `${f.file} ${f.ruleId}`);
  };

  it('applies the safe fixes in place, says where, and reports what remains', async () => {
    assert.deepEqual(await rules(), [
      'flows/catch.json error-handling/incomplete-catch',
      'flows/vault.json error-handling/no-failure-path',
      'flows/vault.json secrets/unsecured-secret',
    ]);
    const run = await cli(['flows', '--fix'], dir);
    assert.equal(run.code, 0, run.stdout);
    assert.ok(run.stdout.includes('\nnote: Applied 2 fixes to flows/catch.json, flows/vault.json.\n'), run.stdout);
    // What remains has no safe fix (adding a Catch scope changes how a run ends).
    assert.match(run.stdout, /^\nflows\/vault\.json\n.*error-handling\/no-failure-path\n/);
    assert.deepEqual(await rules(), ['flows/vault.json error-handling/no-failure-path']);
  });

  it('keeps each file parseable, with its own line endings, byte order mark and indentation', async () => {
    await cli(['flows', '--fix', '--format', 'json'], dir);
    const vault = readFileSync(path.join(dir, 'flows', 'vault.json'), 'utf8');
    assert.ok(vault.startsWith(BOM));
    assert.equal(vault.replace(/\r\n/g, '').includes('\n'), false, 'every line ends in CRLF');
    const parsed = JSON.parse(vault.slice(1)) as { properties: { definition: { actions: Record<string, { runtimeConfiguration?: unknown }> } } };
    assert.match(vault, /\r\n {10}"runtimeConfiguration": \{\r\n {12}"secureData": \{\r\n/);
    assert.ok(Object.values(parsed.properties.definition.actions).some((a) => JSON.stringify(a.runtimeConfiguration ?? {}).includes('secureData')));
    const catchFlow = readFileSync(path.join(dir, 'flows', 'catch.json'), 'utf8');
    assert.ok(!catchFlow.startsWith(BOM) && !catchFlow.includes('\r'));
    assert.match(catchFlow, /"Failed",\s*"TimedOut"/);
    assert.doesNotThrow(() => JSON.parse(catchFlow));
  });

  it('with a machine format, tells what it fixed on standard error', async () => {
    const run = await cli(['flows', '--fix', '--format', 'json'], dir);
    assert.match(run.stderr, /flowguard: note: Applied 2 fixes to flows\/catch\.json, flows\/vault\.json\.\n/);
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.ruleId), ['error-handling/no-failure-path']);
    const again = await cli(['flows', '--fix', '--format', 'json'], dir);
    assert.match(again.stderr, /flowguard: note: No safe fixes to apply\.\n/);
  });
});
