import { defineRule } from '../../core/engine/rule';
import { prop } from '../../core/artifacts/json';
import { anonymousTriggerReason } from '../../core/analysis/http-trigger';
import { setProperty } from '../../core/fixes/json-edits';

export default defineRule({
  meta: {
    id: 'exfiltration/anonymous-http-trigger',
    category: 'exfiltration',
    defaultSeverity: 'warning',
    description: 'An HTTP request trigger anyone holding the URL can call.',
    help:
      'A "When a HTTP request is received" trigger set to "Anyone" (triggerAuthenticationType All, or absent in older ' +
      'flows) runs for whoever has its URL; the URL carries a SAS signature that ends up in logs, browser history and ' +
      'chat. Restrict it to users in your tenant (Tenant) or to named users (User with triggerAllowedUsers).',
    fixable: true,
    security: { severity: 5.3 },
    // Measured: 1 finding in the corpus, true: the setting is read as written.
    precision: 'very-high',
    tags: ['security', 'external/cwe/cwe-306'],
    key: [],
  },
  check(ctx) {
    for (const step of ctx.flow.triggers) {
      const why = anonymousTriggerReason(step);
      if (!why) continue;
      ctx.report({
        node: prop(step.inputs, 'triggerAuthenticationType') ?? step.nameNode,
        step,
        message: `HTTP trigger '${step.name}' ${why.reason}. Restrict it to your tenant or to named users.`,
        data: { authentication: why.authentication },
        // Unsafe: callers from outside the tenant, and anonymous ones, can no longer start the flow.
        fixes: () => {
          const edits = setProperty(ctx.flow.doc, ['inputs', 'triggerAuthenticationType'], 'Tenant', step.node);
          return edits.length > 0 ? [{ title: 'Restrict the trigger to users in my tenant', safe: false, edits }] : [];
        },
      });
    }
  },
});
