import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

// Rule ids come from the command line and from flowguard.json. Looked up in a plain object,
// '__proto__' would set its prototype and escape the unknown-rule check, 'constructor' would
// answer with a function: every id must be an own key, and an unknown one stops the run.

describe('cli: rule ids are checked as own keys', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-rule-ids-'));
    cpSync(path.join(FIXTURES, 'secrets', 'hardcoded-secret', 'http-basic-auth.json'), path.join(dir, 'flow.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'dlp/nope']) {
    it(`refuses --rule ${id}=off with exit code 2 and one line`, async () => {
      const run = await cli(['flow.json', '--rule', `${id}=off`], dir);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.ok(lines[0]!.startsWith(`flowguard: Unknown rule "${id}" in --rule.`), lines[0]);
    });
  }

  it('refuses "__proto__" under "rules" in flowguard.json, at its place in the file', async () => {
    writeFileSync(path.join(dir, 'flowguard.json'), '{\n  "rules": {\n    "__proto__": "off"\n  }\n}\n');
    try {
      const run = await cli(['flow.json'], dir);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^flowguard: flowguard\.json:\d+:\d+: .*rules/);
    } finally {
      rmSync(path.join(dir, 'flowguard.json'));
    }
  });

  it('still applies a known rule id', async () => {
    const on = await cli(['flow.json', '--format', 'json'], dir);
    const off = await cli(['flow.json', '--format', 'json', '--rule', 'secrets/hardcoded-secret=off'], dir);
    assert.equal(on.code, 1);
    assert.ok(on.stdout.includes('secrets/hardcoded-secret'));
    assert.ok(!off.stdout.includes('secrets/hardcoded-secret'));
  });
});
