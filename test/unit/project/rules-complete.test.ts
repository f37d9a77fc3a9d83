import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../rules';
import { emptyConfig } from '../../../core/config/types';
import { FIXTURES, ROOT, flowFixture, policyFixture, runRule } from '../../helpers/fixtures';

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

/**
 * Documentation that cannot lie: each page's Examples section names fixture files under
 * "Reported" and "Not reported"; the rule is run on each and must do what the page says.
 */
describe('every rule page tells the truth about its examples', () => {
  const dlpPolicy = policyFixture('dlp/policy.dlp.json');
  for (const rule of allRules) {
    const page = path.join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`);
    if (!existsSync(page)) continue;
    const examples = /## Examples\n([\s\S]*?)(?=\n## |$)/.exec(readFileSync(page, 'utf8'))?.[1] ?? '';
    const split = examples.search(/not\s+reported/i);
    const fires = (split < 0 ? examples : examples.slice(0, split)).match(/[\w-]+\.json/g) ?? [];
    const quiet = split < 0 ? [] : (examples.slice(split).match(/[\w-]+\.json/g) ?? []);
    it(`${rule.meta.id}: ${fires.length} reported and ${quiet.length} quiet examples`, () => {
      assert.ok(fires.length > 0, 'the page names at least one example that fires');
      const dir = path.join(FIXTURES, rule.meta.id);
      const run = (file: string): number => {
        assert.ok(existsSync(path.join(dir, file)), `${file} is a fixture of ${rule.meta.id}`);
        const policies = rule.meta.needsPolicy || /policy/.test(file) ? dlpPolicy : [];
        const config = { ...emptyConfig(ROOT), trustedDomains: ['*.contoso.com'] };
        return runRule(rule, flowFixture(path.posix.join(rule.meta.id, file)), policies, config).length;
      };
      for (const file of fires) assert.ok(run(file) > 0, `${file} is reported, as the page says`);
      for (const file of quiet) assert.equal(run(file), 0, `${file} is not reported, as the page says`);
    });
  }
});
