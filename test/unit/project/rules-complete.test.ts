import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../rules';
import { ROOT } from '../../helpers/fixtures';

/** The build check ESLint keeps: no rule without its page, fixtures and test, no stale docs. */
describe('every rule is complete', () => {
  for (const { meta } of allRules) {
    it(`${meta.id} has its file, docs page, fixtures and test`, () => {
      assert.ok(existsSync(path.join(ROOT, 'rules', `${meta.id}.ts`)), 'rules/<id>.ts (the id is the path)');
      const page = path.join(ROOT, 'docs', 'rules', `${meta.id}.md`);
      assert.ok(existsSync(page), 'docs/rules/<id>.md');
      const text = readFileSync(page, 'utf8');
      for (const section of ['## What it finds', '## Why it matters', '## How to fix it', '## Examples', '## Configuration']) {
        assert.ok(text.includes(section), `${meta.id}.md has "${section}"`);
      }
      assert.ok(!text.includes('TODO'), `${meta.id}.md is written`);
      const fixtures = path.join(ROOT, 'test', 'fixtures', meta.id);
      assert.ok(existsSync(fixtures) && readdirSync(fixtures).length >= 2, 'test/fixtures/<id>/ has a firing and a quiet case');
      assert.ok(existsSync(path.join(ROOT, 'test', 'rules', `${meta.id}.test.ts`)), 'test/rules/<id>.test.ts');
    });
  }

  it('keeps the generated docs in step with the rule metadata (npm run docs)', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });
});
