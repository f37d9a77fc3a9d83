import { defineRule } from '../../core/engine/rule';
import { collectExpressions } from '../../core/expressions';

export default defineRule({
  meta: {
    id: 'reliability/malformed-expression',
    category: 'reliability',
    defaultSeverity: 'error',
    description: 'An expression that does not parse: an unclosed call, quote or @{...}.',
    help:
      'Workflow Definition Language expressions (@... and @{...} in strings) are checked when the flow is saved or ' +
      'imported; one that does not parse stops the import. Hand edits of exported files are the usual cause. Fix the ' +
      'expression at the position shown.',
    fixable: false,
    // Measured: 0 findings in the corpus of flows that import and run.
    precision: 'very-high',
    tags: ['reliability', 'correctness'],
    key: [],
  },
  check(ctx) {
    const expressions = collectExpressions(ctx.flow);
    const sets = [...expressions.steps, { step: undefined, ...expressions.outputs }];
    for (const set of sets) {
      for (const error of set.errors) {
        ctx.report({ span: error.span, step: set.step, message: `Malformed expression in ${set.step ? `'${set.step.name}'` : 'the flow outputs'}: ${error.message.replace(/\.$/, '')}. The flow will not import until it is fixed.` });
      }
    }
  },
});
