import { defineRule } from '../../core/engine/rule';
import { connectorDisplayName } from '../../core/connectors/names';
import { classify } from '../../core/policy/classify';
import { policyName } from '../../core/policy/explain';
import { GROUP_LABEL, type Group } from '../../core/policy/types';
import type { RelatedLocation } from '../../core/findings';
import type { Step } from '../../core/model/types';
import { rangeOf } from '../../core/artifacts/source';

interface Use {
  step: Step;
  connector: string;
}

function names(uses: Use[]): string {
  return [...new Set(uses.map((u) => connectorDisplayName(u.connector)))].join(', ');
}

export default defineRule({
  meta: {
    id: 'dlp/mixed-groups',
    category: 'dlp',
    defaultSeverity: 'error',
    description: 'A flow uses Business and Non-Business connectors of one DLP policy.',
    help:
      'A DLP policy splits connectors into Business and Non-Business groups so that data cannot move between them. ' +
      'A flow that uses connectors of both groups of one policy is suspended. Keep every connector of the flow in ' +
      'one group, or split the flow.',
    fixable: false,
    needsPolicy: true,
  },
  check(ctx) {
    const source = ctx.flow.doc.source;
    for (const policy of ctx.policies) {
      const byGroup: Record<Group, Use[]> = { business: [], nonBusiness: [], blocked: [] };
      for (const step of ctx.flow.steps) {
        if (!step.connector) continue;
        byGroup[classify(policy, step.connector.id).group].push({ step, connector: step.connector.id });
      }
      const business = byGroup.business;
      const nonBusiness = byGroup.nonBusiness;
      const first = nonBusiness[0];
      if (business.length === 0 || !first) continue;
      const related: RelatedLocation[] = [...business, ...nonBusiness.slice(1)].map((use) => ({
        file: source.path,
        range: rangeOf(source, { offset: use.step.nameNode.offset, length: use.step.nameNode.length }),
        message: `'${use.step.name}' uses ${connectorDisplayName(use.connector)} (${GROUP_LABEL[classify(policy, use.connector).group]})`,
      }));
      related.push({ file: policy.at.file, range: policy.at.range, message: `Policy ${policyName(policy)}` });
      ctx.report({
        node: first.step.nameNode,
        step: first.step,
        message: `Flow '${ctx.flow.displayName}' mixes Business connectors (${names(business)}) with Non-Business connectors (${names(nonBusiness)}) under policy ${policyName(policy)}; the platform suspends such a flow. Keep to one group or split the flow.`,
        related,
        data: { policy: policy.name, business: business.length, nonBusiness: nonBusiness.length },
      });
    }
  },
});
