import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../rules';
import { emptyConfig } from '../../../core/config/types';
import type { Rule } from '../../../core/engine/rule';
import { applyEdits } from '../../../core/fixes/apply-edits';
import { examplesProse, flowAround, pageExamples } from '../../helpers/doc-examples';
import { FIXTURES, ROOT, flowFixture, flowFromText, policyFixture, runRule } from '../../helpers/fixtures';

const PRECISIONS = new Set(['very-high', 'high', 'medium', 'low']);
/** What a quality (not security) result is about; GitHub files it under code quality. */
const QUALITY_TAGS = ['reliability', 'maintainability', 'correctness'];
/** GitHub's limit on shortDescription and fullDescription. */
const SARIF_TEXT_LIMIT = 1024;

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

    it(`${meta.id} declares how code scanning shows it: security or quality, precision, tags, key`, () => {
      assert.ok(PRECISIONS.has(meta.precision), `precision is one of ${[...PRECISIONS].join(', ')}, got ${String(meta.precision)}`);
      assert.ok(Array.isArray(meta.tags) && meta.tags.every((t) => typeof t === 'string' && t !== ''), 'tags is a list of names');
      if (meta.security) {
        const { severity } = meta.security;
        assert.ok(typeof severity === 'number' && severity > 0 && severity <= 10, `security.severity is above 0 and at most 10, got ${severity}`);
        assert.ok(meta.tags.includes('security'), 'a security rule is tagged security');
      } else {
        assert.ok(!meta.tags.includes('security'), 'only a rule with security.severity is tagged security');
        assert.ok(meta.tags.some((t) => QUALITY_TAGS.includes(t)), `a quality rule is tagged ${QUALITY_TAGS.join(', ')} or more`);
      }
      assert.ok(Array.isArray(meta.key), 'key lists the data fields that tell findings apart (may be empty)');
      const source = readFileSync(path.join(ROOT, 'rules', `${meta.id}.ts`), 'utf8');
      for (const field of meta.key) {
        assert.ok(new RegExp(`\\b${field}\\b\\s*[:,}]`).test(source.replace(/key: \[[^\]]*\]/, '')), `key field '${field}' is a data field the rule reports`);
      }
      assert.ok(meta.description.length <= SARIF_TEXT_LIMIT && meta.help.length <= SARIF_TEXT_LIMIT, `description and help fit GitHub's ${SARIF_TEXT_LIMIT} characters`);
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
    // The fixture files are named in the prose; the snippets are checked below.
    const examples = examplesProse(readFileSync(page, 'utf8'));
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

const policiesFor = (rule: Rule) => (rule.meta.needsPolicy ? policyFixture('dlp/policy.dlp.json') : []);
const exampleConfig = () => ({ ...emptyConfig(ROOT), trustedDomains: ['*.contoso.com'] });

/** Runs one rule on the flow docs/rules/README.md describes around a snippet. */
function judge(rule: Rule, text: string, name: string) {
  return runRule(rule, flowFromText(text, `docs/rules/${rule.meta.id}.md#${name}`), policiesFor(rule), exampleConfig());
}

/**
 * Each page's bad and fixed examples (the convention is in docs/rules/README.md), run through the
 * engine: the bad one must be reported and the fixed one must not, and "fixable" must be what the
 * rule's fixes really do to the bad one.
 */
describe('every rule page has a bad and a fixed example that the rule judges as the page says', () => {
  for (const rule of allRules) {
    const page = path.join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`);
    if (!existsSync(page)) continue;
    const text = readFileSync(page, 'utf8');
    const { bad, fixed } = pageExamples(text);

    it(`${rule.meta.id}: the bad example is reported and the fixed one is not`, () => {
      assert.ok(bad !== undefined, 'the Examples section has "### Bad" with a ```json block');
      assert.ok(fixed !== undefined, 'the Examples section has "### Fixed" with a ```json block');
      assert.ok(judge(rule, flowAround(bad), 'bad').length > 0, 'the bad example is reported');
      assert.deepEqual(judge(rule, flowAround(fixed), 'fixed').map((f) => f.message), [], 'the fixed example is not reported');
    });

    it(`${rule.meta.id}: is ${rule.meta.fixable ? '' : 'not '}fixable, as the page says`, () => {
      assert.ok(bad !== undefined, 'the page has a bad example');
      const flow = flowAround(bad);
      const findings = judge(rule, flow, 'bad');
      const fixes = findings.flatMap((f) => f.fixes ?? []);
      const prose = text.replace(/^```[\s\S]*?^```/gm, '');
      if (!rule.meta.fixable) {
        assert.deepEqual(fixes.map((f) => f.title), [], 'a rule that is not fixable attaches no fix');
        assert.ok(!/quick fix|--fix/i.test(prose), 'the page of a rule that is not fixable names no quick fix and no --fix');
        return;
      }
      assert.ok(fixes.length > 0, 'a fixable rule attaches a fix to the bad example');
      assert.match(prose, /quick fix/i, 'the page describes the quick fix');
      for (const fix of fixes) {
        if (fix.safe) assert.match(prose, /runs under `--fix`/, `'${fix.title}' is safe, so the page says it runs under --fix`);
        else assert.match(prose, /never run by `--fix`/, `'${fix.title}' is unsafe, so the page says --fix never runs it`);
      }
      // The fix really changes the flow, and the finding it is for goes.
      const first = findings.find((f) => f.fixes?.length)!;
      const after = applyEdits(flow, first.fixes![0]!.edits);
      assert.notEqual(after, flow, 'the fix changes the flow');
      assert.ok(judge(rule, after, 'bad-fixed').length < findings.length, `after '${first.fixes![0]!.title}' the rule reports less`);
    });
  }
});
