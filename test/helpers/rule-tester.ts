import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../../core/engine/rule';
import type { DlpPolicy } from '../../core/policy/types';
import { emptyConfig, type Config } from '../../core/config/types';
import { FIXTURES, ROOT, flowFixture, runRule, runRuleOnFlows, seen, solutionFlowFixture, workspaceFixture } from './fixtures';

export interface Expected {
  /** For a workspace case: the base name of the flow file the finding is in. */
  file?: string;
  line: number;
  column: number;
  action?: string;
  data?: Record<string, string | number | boolean>;
}

export interface RuleCase {
  /**
   * Fixture file under test/fixtures/<rule id>/, or a folder there holding an unpacked solution
   * (for what a flow file alone cannot carry, such as the custom connectors it calls): its one
   * flow is linted with the solution around it, as the CLI reads it.
   */
  file: string;
  /** Why it is, or is not, a finding: the case's label. */
  why: string;
  /** The findings a user sees; empty for a case that must stay quiet. */
  expect: Expected[];
  /** Policies for this case instead of the suite's. */
  policies?: () => DlpPolicy[];
  /**
   * The folder holds several flows (a parent and the child flows it runs): each is linted with
   * an index of them all, as the CLI lints a solution, and each expected finding names its file.
   */
  workspace?: boolean;
  /** flowguard.json settings for this case (trustedDomains, organizationDomains, ...). */
  config?: Partial<Pick<Config, 'trustedDomains' | 'organizationDomains' | 'environment'>>;
}

/**
 * Runs a rule over its fixtures, as ESLint's RuleTester does: every case is labelled, every
 * fixture file of the rule is used exactly once, and each finding is matched on rule id,
 * position, action and data, never on message wording. Messages are checked to name the action.
 */
/** A case over several flows: findings in any of them, each named by its file. */
async function testWorkspaceCase(rule: Rule, c: RuleCase, policies: () => DlpPolicy[]): Promise<void> {
  const flows = await workspaceFixture(path.posix.join(rule.meta.id, c.file));
  assert.ok(flows.length > 1, `${c.file} holds several flows`);
  const findings = runRuleOnFlows(rule, flows, (c.policies ?? policies)(), { ...emptyConfig(ROOT), ...c.config });
  assert.deepEqual(
    findings.map((f) => ({ file: path.posix.basename(f.file), ...seen(f) })),
    c.expect.map((e) => ({ ruleId: rule.meta.id, ...e })),
  );
  for (const f of findings) {
    if (f.action) assert.ok(f.message.includes(`'${f.action}'`), `message names the action: ${f.message}`);
    assert.equal(f.severity, rule.meta.defaultSeverity);
  }
}

export function testRule(rule: Rule, policies: () => DlpPolicy[], cases: RuleCase[]): void {
  describe(rule.meta.id, () => {
    it('uses every fixture of the rule exactly once', () => {
      const dir = path.join(FIXTURES, rule.meta.id);
      const files = readdirSync(dir).filter((f) => f.endsWith('.json') || statSync(path.join(dir, f)).isDirectory()).sort();
      assert.deepEqual([...cases.map((c) => c.file)].sort(), files);
    });
    for (const c of cases) {
      it(`${c.expect.length === 0 ? 'stays quiet' : 'reports'}: ${c.why} (${c.file})`, async () => {
        if (c.workspace) return testWorkspaceCase(rule, c, policies);
        const flow = c.file.endsWith('.json') ? flowFixture(path.posix.join(rule.meta.id, c.file)) : await solutionFlowFixture(path.posix.join(rule.meta.id, c.file));
        const config = { ...emptyConfig(ROOT), ...c.config };
        const findings = runRule(rule, flow, (c.policies ?? policies)(), config);
        assert.deepEqual(
          findings.map(seen),
          c.expect.map((e) => ({ ruleId: rule.meta.id, ...e })),
        );
        for (const f of findings) {
          if (f.action) assert.ok(f.message.includes(`'${f.action}'`) || f.message.includes(flow.displayName), `message names the action: ${f.message}`);
          assert.equal(f.severity, rule.meta.defaultSeverity);
        }
      });
    }
  });
}
