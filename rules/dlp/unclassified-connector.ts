import { defineRule } from '../../core/engine/rule';
import { connectorUseName } from '../../core/connectors/names';
import { classify } from '../../core/policy/classify';
import { policyEntry, policyName, why } from '../../core/policy/explain';
import { GROUP_LABEL, type Classification } from '../../core/policy/types';
import type { ConnectorUse, Step } from '../../core/model/types';
import type { LintContext } from '../../core/engine/rule';

export default defineRule({
  meta: {
    id: 'dlp/unclassified-connector',
    category: 'dlp',
    defaultSeverity: 'info',
    description: 'A connector that no applicable DLP policy lists, with the default group it falls into, or a custom connector whose group cannot be known here.',
    help:
      'A connector a policy does not list falls into that policy\'s default group, which an admin can change at any ' +
      'time (and which new connectors also get). Ask an admin to classify the connector explicitly so the flow keeps working. ' +
      'Tenant-level policies classify custom connectors by their host URL instead; when the host is not known here (the ' +
      'connector\'s definition is not in the workspace, or its host comes from an environment variable) the note says what would decide it.',
    fixable: false,
    needsPolicy: true,
    // Measured: 626 findings under the corpus policies, each a connector the policy does not list.
    precision: 'very-high',
    tags: ['compliance', 'maintainability'],
    key: [],
  },
  check(ctx) {
    const seen = new Set<string>();
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const step = ctx.flow.steps[stepAt] as Step;
      const connector = step.connector;
      if (!connector || seen.has(connector.id)) continue;
      seen.add(connector.id);
      const classes = ctx.policies.map((p) => classify(p, connector));
      // Listed somewhere, matched by a URL pattern, or outside DLP altogether: nothing to ask an admin.
      if (classes.some((c) => c.entry || c.pattern || c.unclassified === 'outside-dlp')) continue;
      const undecided = classes.filter((c) => c.unclassified === 'undecidable');
      if (undecided.length > 0) reportUndecided(ctx, step, connector, undecided);
      else reportDefault(ctx, step, connector, classes);
    }
  },
});

function reportDefault(ctx: LintContext, step: Step, connector: ConnectorUse, classes: Classification[]): void {
  const defaults = classes.map((c) => `${c.group ? GROUP_LABEL[c.group] : 'not classified'} under ${policyName(c.policy)}`).join(', ');
  ctx.report({
    node: step.nameNode,
    step,
    message: `${connectorUseName(connector)} (${connector.id}), first used by '${step.name}', is not classified by any policy; it falls into the default group: ${defaults}. Ask an admin to classify it.`,
    related: classes.map(policyEntry),
    data: { defaultGroups: classes.map((c) => c.group ?? c.unclassified ?? '').join(',') },
  });
}

/** Said once per connector: which policies cannot place it, and what would decide it. Never a guessed group. */
function reportUndecided(ctx: LintContext, step: Step, connector: ConnectorUse, undecided: Classification[]): void {
  const first = undecided[0] as Classification;
  const policies = undecided.map((c) => policyName(c.policy)).join(', ');
  ctx.report({
    node: step.nameNode,
    step,
    message: `Custom connector ${connectorUseName(connector)} (${connector.id}), first used by '${step.name}', cannot be placed in a group of ${policies}: ${why(first)}. FlowGuard does not guess its group, so the DLP rules leave it out.`,
    related: undecided.map(policyEntry),
    data: { undecided: undecided.length },
  });
}
