import { defineRule } from '../../core/engine/rule';
import { connectorDisplayName } from '../../core/connectors/names';
import { actionBehavior } from '../../core/policy/actions';
import { policyName } from '../../core/policy/explain';
import type { Step } from '../../core/model/types';

export default defineRule({
  meta: {
    id: 'dlp/blocked-action',
    category: 'dlp',
    defaultSeverity: 'error',
    description: "An operation that a DLP policy's connector action rules block.",
    help:
      'Connector action control lets an admin allow a connector but block single operations of it (for example ' +
      'SQL Server "Execute a SQL query"). A flow that uses a blocked operation is suspended. Use another operation ' +
      'or ask an admin to allow this one.',
    fixable: false,
    needsPolicy: true,
    // Measured: no corpus flow uses an operation the corpus policies block; fixtures only, and the check is the platform's own.
    // DLP violations are security findings: the policy exists to stop data loss, and code scanning's
    // security view is where reviewers look for them.
    security: { severity: 6.0 },
    precision: 'high',
    tags: ['security', 'compliance', 'external/cwe/cwe-693'],
    key: ['policy', 'operation'],
  },
  check(ctx) {
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const step = ctx.flow.steps[stepAt] as Step;
      const connector = step.connector;
      if (!connector?.operationId) continue;
      for (const policy of ctx.policies) {
        const verdict = actionBehavior(policy, connector.id, connector.operationId);
        if (verdict?.behavior !== 'block') continue;
        const because = verdict.rule
          ? `policy ${policyName(policy)} blocks it`
          : `policy ${policyName(policy)} blocks every ${connectorDisplayName(connector.id)} operation it does not allow`;
        const at = verdict.rule?.at ?? verdict.config?.at ?? policy.at;
        ctx.report({
          node: connector.operationAt ?? connector.at,
          step,
          message: `'${step.name}' calls ${connectorDisplayName(connector.id)} operation ${connector.operationId}, and ${because}. Use another operation or ask an admin to allow it.`,
          related: [{ file: at.file, range: at.range, message: `Action rule in policy ${policyName(policy)}` }],
          data: { policy: policy.name, operation: connector.operationId },
        });
        break;
      }
    }
  },
});
