import { defineRule } from '../../core/engine/rule';
import { exfiltrationPaths } from '../../core/analysis/exfiltration';
import { describeSink, describeSource, describeVia, pathLocations } from '../../core/analysis/describe-path';

export default defineRule({
  meta: {
    id: 'exfiltration/http-data-path',
    category: 'exfiltration',
    defaultSeverity: 'error',
    description: 'Business data reaching an HTTP request to a host outside trustedDomains, or to a host built from an expression.',
    help:
      'An HTTP action can send anything anywhere: business data that reaches one leaves the tenant outside the DLP ' +
      'policy\'s connector groups. The path is followed from the business connector through Compose, Select, Parse ' +
      'JSON, variables and loops to the call. Send the data only to hosts you trust (add them to trustedDomains in ' +
      'flowguard.json), or use a connector of the Business group.',
    fixable: false,
  },
  check(ctx) {
    const paths = exfiltrationPaths(ctx.flow, { policies: ctx.policies, trustedDomains: ctx.config.trustedDomains });
    for (const path of paths) {
      if (path.sinkInfo.kind !== 'http') continue;
      const sink = path.sink;
      ctx.report({
        node: sink.nameNode,
        step: sink,
        message: `Data from ${describeSource(path.source)} reaches ${describeSink(sink, path.sinkInfo)}${describeVia(path)}. ${path.sinkInfo.host ? `Trust ${path.sinkInfo.host} in trustedDomains if it is yours, or stop sending the data.` : 'The host is built at run time, so it cannot be checked; use a literal, trusted host.'}`,
        related: pathLocations(ctx.flow, path),
        data: { source: path.source.name, host: path.sinkInfo.host ?? '', hops: path.hops.length },
      });
    }
  },
});
