import { defineRule } from '../../core/engine/rule';
import { connectorDisplayName } from '../../core/connectors/names';
import { endpointOf } from '../../core/analysis/endpoint';
import { endpointBehavior } from '../../core/policy/endpoints';
import { policyName } from '../../core/policy/explain';
import type { Step } from '../../core/model/types';

export default defineRule({
  meta: {
    id: 'dlp/endpoint-denied',
    category: 'dlp',
    defaultSeverity: 'error',
    description: "A literal endpoint (HTTP URI, SQL Server, storage account) that a DLP policy's endpoint rules deny.",
    help:
      'Endpoint filtering lets an admin allow a connector only for some endpoints, with ordered Allow and Deny rules ' +
      'that end with "*". The first rule that matches decides. A flow calling a denied endpoint is suspended. Call an ' +
      'allowed endpoint or ask an admin to add an Allow rule.',
    fixable: false,
    needsPolicy: true,
    // Measured: no corpus findings; endpoint rules are evaluated in order as the platform does.
    // DLP violations are security findings: the policy exists to stop data loss, and code scanning's
    // security view is where reviewers look for them.
    security: { severity: 7.0 },
    precision: 'high',
    tags: ['security', 'compliance', 'external/cwe/cwe-200'],
    key: ['policy', 'endpoint'],
  },
  check(ctx) {
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const step = ctx.flow.steps[stepAt] as Step;
      const endpoint = endpointOf(step);
      if (!endpoint?.literal || !step.connector) continue;
      for (const policy of ctx.policies) {
        const verdict = endpointBehavior(policy, step.connector.id, endpoint.value);
        if (verdict?.behavior !== 'deny') continue;
        ctx.report({
          node: endpoint.node,
          step,
          message: `'${step.name}' calls ${connectorDisplayName(step.connector.id)} endpoint ${endpoint.value}, which policy ${policyName(policy)} denies (rule ${verdict.rule.order}: Deny ${verdict.rule.endpoint}). Use an allowed endpoint or ask an admin to allow this one.`,
          related: [{ file: verdict.rule.at.file, range: verdict.rule.at.range, message: `Endpoint rule ${verdict.rule.order} of policy ${policyName(policy)}` }],
          data: { policy: policy.name, endpoint: endpoint.value, rule: verdict.rule.order },
        });
        break;
      }
    }
  },
});
