import { defineRule } from '../../core/engine/rule';
import { exfiltrationPaths } from '../../core/analysis/exfiltration';
import { describeOrigin, describeVia, originStep, pathLocations } from '../../core/analysis/describe-path';
import { anonymousTrigger } from '../../core/analysis/http-trigger';

export default defineRule({
  meta: {
    id: 'exfiltration/anonymous-data-exposure',
    category: 'exfiltration',
    defaultSeverity: 'error',
    description: 'Business data returned by a Response to an HTTP trigger anyone can call.',
    help:
      'A flow started by an HTTP request that anyone holding the URL can send, and that answers with business data, ' +
      'is an unauthenticated API into that data. Restrict the trigger to your tenant or named users, or return no ' +
      'business data.',
    fixable: false,
    security: { severity: 8.2 },
    // Measured: no corpus findings; the data path is the one the exfiltration rules follow.
    precision: 'high',
    tags: ['security', 'external/cwe/cwe-306', 'external/cwe/cwe-200'],
    key: ['source', 'trigger'],
  },
  check(ctx) {
    const trigger = anonymousTrigger(ctx.flow);
    if (!trigger) return;
    const paths = exfiltrationPaths(ctx.flow, { policies: ctx.policies, trustedDomains: ctx.config.trustedDomains, workspace: ctx.workspace });
    for (const path of paths) {
      if (path.sinkInfo.kind !== 'response') continue;
      ctx.report({
        node: path.sink.nameNode,
        step: path.sink,
        message: `The Response '${path.sink.name}' returns data from ${describeOrigin(ctx.flow, path)}${describeVia(path)} to anyone who calls trigger '${trigger.name}'. Restrict the trigger to your tenant, or return no business data.`,
        related: pathLocations(ctx.flow, path),
        data: { source: originStep(path), trigger: trigger.name, hops: path.hops.length },
      });
    }
  },
});
