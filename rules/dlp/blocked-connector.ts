import { defineRule } from '../../core/engine/rule';
import { connectorUseName } from '../../core/connectors/names';
import { classify } from '../../core/policy/classify';
import { policyEntry, why } from '../../core/policy/explain';
import type { Step } from '../../core/model/types';

export default defineRule({
  meta: {
    id: 'dlp/blocked-connector',
    category: 'dlp',
    defaultSeverity: 'error',
    description: 'A trigger or action uses a connector that an applicable DLP policy blocks.',
    help:
      'A connector in the Blocked group of any DLP policy that applies to the environment cannot be used at all: ' +
      'the flow is suspended when it is saved or imported. Replace the step with an allowed connector, or ask a ' +
      'Power Platform admin to reclassify the connector.',
    fixable: false,
    needsPolicy: true,
    // Measured: 335 findings under the ScubaGear DefaultEnvironmentPolicy (136 Blocked connectors), each a
    // connector that policy lists as Blocked or blocks by default: the platform's own check.
    // DLP violations are security findings: the policy exists to stop data loss, and code scanning's
    // security view is where reviewers look for them.
    security: { severity: 6.5 },
    precision: 'high',
    tags: ['security', 'compliance', 'external/cwe/cwe-693'],
    key: ['policy'],
  },
  check(ctx) {
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const step = ctx.flow.steps[stepAt] as Step;
      const connector = step.connector;
      if (!connector) continue;
      const blocking = ctx.policies.map((policy) => classify(policy, connector)).filter((c) => c.group === 'blocked');
      const first = blocking[0];
      if (!first) continue;
      const name = connectorUseName(connector, first.entry?.displayName);
      ctx.report({
        node: step.nameNode,
        step,
        message: `${step.kind === 'trigger' ? 'Trigger' : 'Action'} '${step.name}' uses ${name} (${connector.id}), which is blocked: ${why(first)}. Replace the step or ask an admin to reclassify the connector.`,
        related: blocking.map(policyEntry),
        data: { policy: first.policy.name, group: 'blocked' },
      });
    }
  },
});
