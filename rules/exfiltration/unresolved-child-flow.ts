import { defineRule } from '../../core/engine/rule';
import type { RelatedLocation } from '../../core/findings';
import { childFlowCall } from '../../core/model/child-flow';

export default defineRule({
  meta: {
    id: 'exfiltration/unresolved-child-flow',
    category: 'exfiltration',
    defaultSeverity: 'info',
    description: 'A "Run a Child Flow" action whose child flow is not among the linted files, so data paths stop there.',
    help:
      'FlowGuard follows business data into the child flows a flow runs and back out of what they return, so a path ' +
      'that leaves through a child is reported where it leaves. When the child is not among the files linted (its ' +
      'solution was not given, or it lives in another environment), the path stops at the call and nothing said about ' +
      'it covers the child. Lint the solution that holds the child flow together with this one.',
    fixable: false,
    // Measured: every child flow call of the corpus (271, CoE starter kit and Copilot Studio samples) resolves when its
    // solution is linted; a note fires only when a flow is linted without its child.
    precision: 'very-high',
    tags: ['correctness'],
    key: ['workflowId'],
  },
  check(ctx) {
    const key = ctx.flow.doc.source.path;
    const unresolved = ctx.workspace.callsOf(key).filter((c) => !c.child);
    if (unresolved.length === 0) return;
    const facts = ctx.workspace.crossFlow({ policies: ctx.policies, trustedDomains: ctx.config.trustedDomains });
    for (const { call } of unresolved) {
      const step = ctx.flow.steps.find((s) => s.name === call.step);
      const reference = step && childFlowCall(step);
      if (!step || !reference) continue;
      const passed = facts.passedTo(key, call.step);
      const related: RelatedLocation[] = passed ? passed.links.map((link, i) => ({ file: link.file, range: link.range, message: `${i + 1}. ${link.text}`, hop: i + 1 })) : [];
      const data = passed ? ` It is given data from ${passed.origin.description}${passed.origin.file === key ? '' : ` of flow '${passed.origin.flow}'`}, which is not followed further.` : '';
      ctx.report({
        node: reference.node,
        step,
        message: `'${step.name}' runs child flow ${call.workflowId}, which is not among the linted files, so data paths stop here: what the child does with its inputs and what it returns are not checked.${data} Lint the solution that holds the child flow with this one.`,
        related,
        data: { workflowId: call.workflowId, businessData: passed !== undefined },
      });
    }
  },
});
