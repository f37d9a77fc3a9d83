import { defineRule } from '../../core/engine/rule';
import { connectorDisplayName } from '../../core/connectors/names';
import { endpointOf } from '../../core/analysis/endpoint';
import { hasEndpointRules } from '../../core/policy/endpoints';
import { policyName } from '../../core/policy/explain';
import type { Step } from '../../core/model/types';

export default defineRule({
  meta: {
    id: 'dlp/endpoint-unverifiable',
    category: 'dlp',
    defaultSeverity: 'warning',
    description: 'An endpoint built from an expression or environment variable, for a connector with endpoint rules.',
    help:
      'The platform does not check endpoint filtering rules for endpoints that are built from expressions or ' +
      'environment variables at run time, so such a step can reach an endpoint the policy means to deny. Use a ' +
      'literal endpoint, or make sure every value the expression can take is allowed.',
    fixable: false,
    needsPolicy: true,
    security: { severity: 4.3 },
    // Measured: no corpus findings; an expression may well only build allowed endpoints, which cannot be known here.
    precision: 'medium',
    tags: ['security', 'external/cwe/cwe-693'],
    key: ['policy'],
  },
  check(ctx) {
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const step = ctx.flow.steps[stepAt] as Step;
      const endpoint = endpointOf(step);
      if (!endpoint || endpoint.literal || !step.connector) continue;
      const connector = step.connector.id;
      const policy = ctx.policies.find((p) => hasEndpointRules(p, connector));
      if (!policy) continue;
      const rules = policy.endpointRules.get(connector);
      ctx.report({
        node: endpoint.node,
        step,
        message: `'${step.name}' calls a ${connectorDisplayName(connector)} endpoint built at run time; policy ${policyName(policy)} has endpoint rules for ${connectorDisplayName(connector)}, but the platform does not check endpoints built from expressions or environment variables. Use a literal endpoint the policy allows.`,
        related: rules ? [{ file: rules.at.file, range: rules.at.range, message: `Endpoint rules of policy ${policyName(policy)}` }] : [],
        data: { policy: policy.name },
      });
    }
  },
});
