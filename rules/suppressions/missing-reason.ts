import { defineRule } from '../../core/engine/rule';
import { flowDirectives } from '../../core/engine/suppressions';

export default defineRule({
  meta: {
    id: 'suppressions/missing-reason',
    category: 'suppressions',
    defaultSeverity: 'warning',
    description: 'A suppression (flowguard.json exception or flowguard-disable note) that gives no reason.',
    help:
      'A suppressed finding is a decision someone made; the reason is what lets a reviewer, an auditor or the next ' +
      'maintainer check that it still holds. Write it after " -- " in an action note ' +
      '(flowguard-disable exfiltration/http-data-path -- partner API covered by contract 2024-17), or in the "reason" ' +
      'of an exceptions entry in flowguard.json.',
    fixable: false,
    // Measured: a suppression without a reason is read as written.
    precision: 'very-high',
    tags: ['maintainability'],
    key: ['rules', 'rule'],
  },
  check(ctx) {
    // The steps with directives, read once per flow (the suppressions read them too).
    for (const { step, directives } of flowDirectives(ctx.flow).steps) {
      for (const directive of directives) {
        if (directive.reason) continue;
        ctx.report({
          span: directive.span,
          step,
          message: `The note on '${step.name}' suppresses ${directive.rules.join(', ')} without a reason. Add one after " -- ", so reviewers know why the finding is acceptable.`,
          data: { rules: directive.rules.join(',') },
        });
      }
    }
  },
  checkConfig(ctx) {
    for (const exception of ctx.config.exceptions) {
      if (exception.reason && exception.reason.trim() !== '') continue;
      ctx.report({
        at: exception.at,
        message: `The exception for ${exception.rule}${exception.flow ? ` in flow '${exception.flow}'` : ''}${exception.action ? `, action '${exception.action}'` : ''} gives no reason. Add a "reason", so reviewers know why the finding is acceptable.`,
        data: { rule: exception.rule },
      });
    }
  },
});
