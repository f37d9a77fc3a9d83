import { defineRule } from '../../core/engine/rule';
import { exfiltrationPaths } from '../../core/analysis/exfiltration';
import { describeOrigin, describeSink, describeVia, originStep, pathLocations } from '../../core/analysis/describe-path';
import { policyName } from '../../core/policy/explain';
import { GROUP_LABEL } from '../../core/policy/types';

export default defineRule({
  meta: {
    id: 'exfiltration/external-connector-data-path',
    category: 'exfiltration',
    defaultSeverity: 'error',
    description: 'Business data reaching an action of a Non-Business, Blocked or consumer connector.',
    help:
      'Data from a Business connector (SharePoint, Dataverse, SQL Server, Outlook, ...) that reaches a consumer service ' +
      '(Gmail, Dropbox, X, ...) leaves the company. The platform only blocks this when one policy puts both connectors ' +
      'in different groups of the same flow; a path through several policies, a default group or no policy at all ' +
      'goes through. Keep business data in Business connectors.',
    fixable: false,
    security: { severity: 8.1 },
    // Measured: 140 findings under the corpus policies, sampled: each a real path into a Non-Business connector.
    precision: 'high',
    tags: ['security', 'external/cwe/cwe-200'],
    key: ['source'],
  },
  check(ctx) {
    const paths = exfiltrationPaths(ctx.flow, { policies: ctx.policies, trustedDomains: ctx.config.trustedDomains, workspace: ctx.workspace });
    for (const path of paths) {
      const info = path.sinkInfo;
      if (info.kind !== 'connector') continue;
      const why = info.policy ? ` (${GROUP_LABEL[info.group as keyof typeof GROUP_LABEL]} under policy ${policyName(info.policy)})` : ' (a consumer service)';
      ctx.report({
        node: path.sink.nameNode,
        step: path.sink,
        message: `Data from ${describeOrigin(ctx.flow, path)} reaches ${describeSink(path.sink, info)}${why}${describeVia(path)}. Keep business data in Business connectors.`,
        related: pathLocations(ctx.flow, path),
        data: { source: originStep(path), group: info.group, hops: path.hops.length },
      });
    }
  },
});
