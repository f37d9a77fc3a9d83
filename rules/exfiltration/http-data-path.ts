import { defineRule } from '../../core/engine/rule';
import { exfiltrationPaths, type Sink } from '../../core/analysis/exfiltration';
import { describeOrigin, describeSink, describeVia, originStep, pathLocations } from '../../core/analysis/describe-path';
import { rangeOf } from '../../core/artifacts/source';
import type { RelatedLocation } from '../../core/findings';

/** A custom connector's definition, where its host is written. */
function definitionLocation(sink: Sink): RelatedLocation[] {
  if (sink.kind !== 'http' || !sink.custom) return [];
  const at = sink.custom.at;
  return [{ file: at.source.path, range: rangeOf(at.source, at.span), message: `custom connector ${sink.custom.title}: its definition names the host` }];
}

function advice(sink: Sink): string {
  if (sink.kind !== 'http') return '';
  // First: an unclear URL may still carry the host as written, which trusting would not help.
  if (sink.unclear) return `The host cannot be read for certain (${sink.unclear}), so it is not trusted; write the URL as https://host/path.`;
  if (sink.host) return `Trust ${sink.host} in trustedDomains if it is yours, or stop sending the data.`;
  return 'The host is built at run time, so it cannot be checked; use a literal, trusted host.';
}

export default defineRule({
  meta: {
    id: 'exfiltration/http-data-path',
    category: 'exfiltration',
    defaultSeverity: 'error',
    description: 'Business data reaching an HTTP request to a host outside trustedDomains, or to a host built from an expression.',
    help:
      'An HTTP action can send anything anywhere: business data that reaches one leaves the tenant outside the DLP ' +
      'policy\'s connector groups. The path is followed from the business connector through Compose, Select, Parse ' +
      'JSON, variables and loops to the call. A custom connector is an HTTP call to the host its definition names, so ' +
      'its actions count too. Send the data only to hosts you trust (add them to trustedDomains in ' +
      'flowguard.json), or use a connector of the Business group.',
    fixable: false,
    security: { severity: 7.5 },
    // Measured: 27 findings in the corpus: 1 to an untrusted literal host, 26 to URLs built at run time (mostly admin APIs of the CoE kits), which cannot be checked here.
    precision: 'medium',
    tags: ['security', 'external/cwe/cwe-200'],
    key: ['source', 'host'],
  },
  check(ctx) {
    const paths = exfiltrationPaths(ctx.flow, { policies: ctx.policies, trustedDomains: ctx.config.trustedDomains, workspace: ctx.workspace });
    for (const path of paths) {
      if (path.sinkInfo.kind !== 'http') continue;
      const sink = path.sink;
      ctx.report({
        node: sink.nameNode,
        step: sink,
        message: `Data from ${describeOrigin(ctx.flow, path)} reaches ${describeSink(sink, path.sinkInfo)}${describeVia(path)}. ${advice(path.sinkInfo)}`,
        related: [...pathLocations(ctx.flow, path), ...definitionLocation(path.sinkInfo)],
        data: { source: originStep(path), host: path.sinkInfo.host ?? '', hops: path.hops.length },
      });
    }
  },
});
