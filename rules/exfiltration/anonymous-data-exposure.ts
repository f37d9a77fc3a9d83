import { defineRule } from '../../core/engine/rule';
import { exfiltrationPaths } from '../../core/analysis/exfiltration';
import { describeSource, describeVia, pathLocations } from '../../core/analysis/describe-path';
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
  },
  check(ctx) {
    const trigger = anonymousTrigger(ctx.flow);
    if (!trigger) return;
    const paths = exfiltrationPaths(ctx.flow, { policies: ctx.policies, trustedDomains: ctx.config.trustedDomains });
    for (const path of paths) {
      if (path.sinkInfo.kind !== 'response') continue;
      ctx.report({
        node: path.sink.nameNode,
        step: path.sink,
        message: `The Response '${path.sink.name}' returns data from ${describeSource(path.source)}${describeVia(path)} to anyone who calls trigger '${trigger.name}'. Restrict the trigger to your tenant, or return no business data.`,
        related: pathLocations(ctx.flow, path),
        data: { source: path.source.name, trigger: trigger.name, hops: path.hops.length },
      });
    }
  },
});
