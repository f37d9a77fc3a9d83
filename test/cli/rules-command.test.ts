import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { bundledCli, cli } from '../helpers/cli';

interface RulesJson {
  rules: { id: string; severity: string; category: string; fixable: boolean; description: string; docs: string }[];
}

describe('cli: flowguard rules', () => {
  it('lists every rule on one line: id, default severity, category, fixable, description', async () => {
    const run = await cli(['rules'], tmpdir());
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.match(lines[0]!, /^rule {2,}severity {2}category {2,}fixable {2}description$/);
    for (const [i, rule] of allRules.entries()) {
      const { id, defaultSeverity, category, fixable, description } = rule.meta;
      const cells = lines[i + 1]!.split(/ {2,}/);
      assert.deepEqual(cells, [id, defaultSeverity, category, fixable ? 'yes' : 'no', description], id);
    }
    assert.equal(lines[allRules.length + 1], '');
    assert.equal(
      lines[allRules.length + 2],
      `${allRules.length} rules. Severities are the defaults; "rules" in flowguard.json and --rule ID=SEVERITY change them. Each rule's page: https://github.com/flowguard/flowguard/blob/main/docs/rules/<rule>.md`,
    );
  });

  it('--format json gives the same list for scripts, with each rule’s page', async () => {
    const run = await cli(['rules', '--format', 'json'], tmpdir());
    assert.equal(run.code, 0);
    const report = JSON.parse(run.stdout) as RulesJson;
    assert.deepEqual(Object.keys(report.rules[0]!), ['id', 'severity', 'category', 'fixable', 'description', 'docs']);
    assert.deepEqual(
      report.rules,
      allRules.map(({ meta }) => ({ id: meta.id, severity: meta.defaultSeverity, category: meta.category, fixable: meta.fixable, description: meta.description, docs: `https://github.com/flowguard/flowguard/blob/main/docs/rules/${meta.id}.md` })),
    );
  });

  it('the bundled CLI writes the list to --output', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-rules-'));
    try {
      const run = bundledCli(['rules', '-f', 'json', '-o', 'rules.json'], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
      const report = JSON.parse(readFileSync(path.join(dir, 'rules.json'), 'utf8')) as RulesJson;
      assert.ok(report.rules.some((r) => r.id === 'secrets/hardcoded-secret' && r.severity === 'error' && r.fixable));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
