import { defineRule } from '../../core/engine/rule';
import { connectorDisplayName } from '../../core/connectors/names';
import { classify } from '../../core/policy/classify';
import { policyName } from '../../core/policy/explain';
import { GROUP_LABEL } from '../../core/policy/types';

export default defineRule({
  meta: {
    id: 'dlp/unclassified-connector',
    category: 'dlp',
    defaultSeverity: 'info',
    description: 'A connector that no applicable DLP policy lists, with the default group it falls into.',
    help:
      'A connector a policy does not list falls into that policy\'s default group, which an admin can change at any ' +
      'time (and which new connectors also get). Ask an admin to classify the connector explicitly so the flow keeps working.',
    fixable: false,
    needsPolicy: true,
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const step of ctx.flow.steps) {
      const connector = step.connector?.id;
      if (!connector || seen.has(connector)) continue;
      seen.add(connector);
      const classes = ctx.policies.map((p) => classify(p, connector));
      if (classes.some((c) => c.entry)) continue;
      const defaults = classes.map((c) => `${GROUP_LABEL[c.group]} under ${policyName(c.policy)}`).join(', ');
      ctx.report({
        node: step.nameNode,
        step,
        message: `${connectorDisplayName(connector)} (${connector}), first used by '${step.name}', is not classified by any policy; it falls into the default group: ${defaults}. Ask an admin to classify it.`,
        related: classes.map((c) => ({ file: c.policy.at.file, range: c.policy.at.range, message: `Policy ${policyName(c.policy)}: default group ${GROUP_LABEL[c.group]}` })),
        data: { defaultGroups: classes.map((c) => c.group).join(',') },
      });
    }
  },
});
