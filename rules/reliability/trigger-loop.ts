import { defineRule } from '../../core/engine/rule';
import { rangeOf } from '../../core/artifacts/source';
import { fires, hasTriggerFilter, watchedBy, writtenBy } from '../../core/analysis/trigger-source';
import type { Step } from '../../core/model/types';

export default defineRule({
  meta: {
    id: 'reliability/trigger-loop',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A flow that updates the very list or table whose changes trigger it, with no trigger condition or filter.',
    help:
      'A flow triggered when items of a SharePoint list or rows of a Dataverse table change, which then changes the ' +
      'same list or table, triggers itself again: an endless loop that burns the flow\'s request quota and can get it ' +
      'throttled or turned off. Add a trigger condition (or, for Dataverse, filtering attributes or a filter ' +
      'expression) so the flow\'s own update does not trigger it.',
    fixable: false,
    // Measured: no corpus findings; a condition written in the flow instead of the trigger may still stop the loop.
    precision: 'medium',
    tags: ['reliability'],
    key: ['trigger'],
  },
  check(ctx) {
    const source = ctx.flow.doc.source;
    for (const trigger of ctx.flow.triggers) {
      const watched = watchedBy(trigger);
      if (!watched || hasTriggerFilter(trigger)) continue;
      // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
      for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
        const step = ctx.flow.steps[stepAt] as Step;
        const written = step.kind === 'action' ? writtenBy(step) : undefined;
        if (!written || written.connector !== watched.connector || written.key !== watched.key || !fires(watched.change, written.change)) continue;
        ctx.report({
          node: step.nameNode,
          step,
          message: `'${step.name}' writes to ${watched.label}, whose changes trigger this flow through '${trigger.name}', and the trigger has no condition or filter: the flow triggers itself in a loop. Add a trigger condition that ignores the flow's own changes.`,
          related: [{ file: source.path, range: rangeOf(source, { offset: trigger.nameNode.offset, length: trigger.nameNode.length }), message: `Trigger '${trigger.name}' watches ${watched.label}` }],
          data: { trigger: trigger.name },
        });
      }
    }
  },
});
