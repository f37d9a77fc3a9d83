import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../../core/engine/rule';
import type { DlpPolicy } from '../../core/policy/types';
import { emptyConfig, type Config } from '../../core/config/types';
import { FIXTURES, ROOT, flowFixture, runRule, seen, solutionFlowFixture } from './fixtures';

export interface Expected {
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
  /** flowguard.json settings for this case (trustedDomains, ...). */
  config?: Partial<Pick<Config, 'trustedDomains' | 'environment'>>;
}

/**
 * Runs a rule over its fixtures, as ESLint's RuleTester does: every case is labelled, every
 * fixture file of the rule is used exactly once, and each finding is matched on rule id,
 * position, action and data, never on message wording. Messages are checked to name the action.
 */
export function testRule(rule: Rule, policies: () => DlpPolicy[], cases: RuleCase[]): void {
  describe(rule.meta.id, () => {
    it('uses every fixture of the rule exactly once', () => {
      const dir = path.join(FIXTURES, rule.meta.id);
      const files = readdirSync(dir).filter((f) => f.endsWith('.json') || statSync(path.join(dir, f)).isDirectory()).sort();
      assert.deepEqual([...cases.map((c) => c.file)].sort(), files);
    });
    for (const c of cases) {
      it(`${c.expect.length === 0 ? 'stays quiet' : 'reports'}: ${c.why} (${c.file})`, async () => {
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
