import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';
import { makeZip } from '../helpers/make-zip';

const BOM = '\ufeff';
const CATCH = readFileSync(path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-only.json'), 'utf8');
const VAULT = readFileSync(path.join(FIXTURES, 'secrets', 'unsecured-secret', 'key-vault-unsecured-outputs.json'), 'utf8');

// What --fix does to the Catch fixture, as `diff -u` shows it.
const CATCH_DIFF = `--- a/flows/catch.json
+++ b/flows/catch.json
@@ -59,7 +59,8 @@
         "Catch": {
           "runAfter": {
             "Try": [
-              "Failed"
+              "Failed",
+              "TimedOut"
             ]
           },
           "type": "Scope",
`;

function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.set(child, readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return files;
}

describe('cli: --fix-dry-run', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-dry-run-'));
    mkdirSync(path.join(dir, 'flows'));
    writeFileSync(path.join(dir, 'flows', 'catch.json'), CATCH);
    // Saved as Windows tools save it: CRLF and a byte order mark.
    writeFileSync(path.join(dir, 'flows', 'vault.json'), BOM + VAULT.replace(/\r?\n/g, '\r\n'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the edits --fix would make as a unified diff, the notes on standard error, and writes nothing', async () => {
    const before = snapshot(dir);
    const run = await cli(['flows/catch.json', '--fix-dry-run'], dir);
    assert.equal(run.stdout, CATCH_DIFF);
    assert.equal(
      run.stderr,
      'flowguard: note: No DLP policy found, so the DLP rules did not run. Add "policies" to flowguard.json or pass --policy FILE.\n' +
        'flowguard: note: --fix would apply 1 fix to flows/catch.json; nothing was written.\n',
    );
    assert.equal(run.code, 0);
    assert.deepEqual(snapshot(dir), before);
  });

  it('exits as --fix would leave the files: 0 when the fixes clear every error', async () => {
    const strict = ['flows/catch.json', '--rule', 'error-handling/incomplete-catch=error'];
    assert.equal((await cli(strict, dir)).code, 1);
    assert.equal((await cli([...strict, '--fix-dry-run'], dir)).code, 0);
    // A warning the fixes leave (no-failure-path has no safe fix) still counts for --max-warnings.
    const vault = await cli(['flows/vault.json', '--fix-dry-run', '--max-warnings', '0'], dir);
    assert.equal(vault.code, 1);
    assert.match(vault.stderr, /flowguard: too many warnings \(1, maximum 0\)\n$/);
  });

  it('git apply turns the diff into exactly what --fix writes, CRLF and byte order mark included', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'flowguard-dry-run-copy-'));
    try {
      cpSync(dir, copy, { recursive: true });
      const dry = bundledCli(['flows', '--fix-dry-run'], dir);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^--- a\/flows\/catch\.json\n[\s\S]*\n--- a\/flows\/vault\.json\n\+\+\+ b\/flows\/vault\.json\n@@ /);
      writeFileSync(path.join(copy, 'fixes.diff'), dry.stdout);
      const apply = spawnSync('git', ['apply', '--whitespace=nowarn', 'fixes.diff'], { cwd: copy, encoding: 'utf8' });
      assert.equal(apply.status, 0, apply.stderr);
      rmSync(path.join(copy, 'fixes.diff'));
      const fix = bundledCli(['flows', '--fix'], dir);
      assert.equal(fix.code, 0, fix.stderr);
      assert.deepEqual(snapshot(copy), snapshot(dir));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('shows the edits to standard input under its name', async () => {
    const run = await cli(['--stdin', '--stdin-filename', 'flows/catch.json', '--fix-dry-run'], dir, { stdin: CATCH });
    assert.equal(run.stdout, CATCH_DIFF);
    assert.equal(run.code, 0);
  });

  it('says when there is nothing to fix, and what it would not fix inside a zip', async () => {
    writeFileSync(path.join(dir, 'flows', 'catch.json'), CATCH.replace('"Failed"', '"Failed", "TimedOut"'));
    const clean = await cli(['flows/catch.json', '--fix-dry-run'], dir);
    assert.equal(clean.stdout, '');
    assert.match(clean.stderr, /flowguard: note: No safe fixes to apply\.\n$/);
    const solution = makeZip({
      'solution.xml': '<?xml version="1.0" encoding="utf-8"?><ImportExportXml version="9.2"><SolutionManifest><UniqueName>Catch</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>',
      'customizations.xml': '<?xml version="1.0" encoding="utf-8"?><ImportExportXml><Workflows /></ImportExportXml>',
      'Workflows/Catch-0A1B2C3D-0000-0000-0000-000000000000.json': CATCH,
    });
    writeFileSync(path.join(dir, 'Catch.zip'), solution);
    const zip = await cli(['Catch.zip', '--fix-dry-run'], dir);
    assert.equal(zip.stdout, '');
    assert.match(zip.stderr, /flowguard: note: Catch\.zip!Workflows\/Catch-0A1B2C3D-0000-0000-0000-000000000000\.json: not fixed: inside a zip archive, which --fix does not rewrite; unpack the solution \(pac solution unpack\) to fix it\.\n/);
  });
});
