import { rangeOf } from '../../core/artifacts/source';
import { defineRule, type LintContext } from '../../core/engine/rule';
import type { RelatedLocation } from '../../core/findings';
import type { Step } from '../../core/model/types';
import { crossFlowLoopReports } from '../../core/analysis/cross-flow-loops';
import { loopPacing } from '../../core/analysis/loop-pacing';
import { judgeCondition } from '../../core/analysis/until-condition';
import { RUN_DURATION_DAYS, RUN_DURATION_SECONDS, UNTIL_COUNT, describeLimits, isUntil, untilLimits } from '../../core/analysis/until-limits';

/** One check of one Do until loop; each reports on its own, so a loop can fail several. */
type LoopCheck = (ctx: LintContext, loop: Step) => void;

function related(ctx: LintContext, step: Step, message: string): RelatedLocation {
  const source = ctx.flow.doc.source;
  return { file: source.path, range: rangeOf(source, { offset: step.nameNode.offset, length: step.nameNode.length }), message };
}

/** An exit condition that gives the same answer every time it is checked. */
const conditionNeverChanges: LoopCheck = (ctx, loop) => {
  const verdict = judgeCondition(ctx.flow, loop);
  if (verdict.kind !== 'fixed') return;
  const limits = describeLimits(untilLimits(loop));
  const what =
    verdict.reads.length === 0
      ? 'reads no value of the run'
      : `reads only ${verdict.reads.map((r) => r.label).join(', ')}, which nothing inside the loop changes`;
  ctx.report({
    node: verdict.node,
    step: loop,
    message: `The exit condition of '${loop.name}' ${what}: the loop either stops after its first iteration or repeats until its limit of ${limits}. Test a value the loop updates: a variable it sets or increments, or the output of an action inside it.`,
    related: verdict.reads.flatMap((r) => (r.source ? [related(ctx, r.source, `${r.label} comes from '${r.source.name}', outside the loop`)] : [])),
    data: { check: 'condition-never-changes' },
  });
};

/** A count or timeout the platform does not allow, or that can never take effect. */
const limitBeyondPlatform: LoopCheck = (ctx, loop) => {
  const { count, timeout } = untilLimits(loop);
  if (count.kind === 'literal' && (!Number.isInteger(count.value) || count.value < UNTIL_COUNT.min || count.value > UNTIL_COUNT.max)) {
    ctx.report({
      node: count.node,
      step: loop,
      message: `The count ${count.text} of '${loop.name}' is outside what the platform allows for a Do until: a whole number from ${UNTIL_COUNT.min} to ${UNTIL_COUNT.max.toLocaleString('en-US')}. Set a count within that range, as low as the loop needs.`,
      data: { check: 'count-beyond-maximum', count: count.text },
    });
  }
  if (timeout.kind === 'literal' && timeout.value > RUN_DURATION_SECONDS) {
    ctx.report({
      node: timeout.node,
      step: loop,
      message: `The timeout ${timeout.text} of '${loop.name}' is longer than the ${RUN_DURATION_DAYS} days a Power Automate run may last: the run times out first, so the timeout never stops the loop. Set a timeout of at most P${RUN_DURATION_DAYS}D, as short as the loop needs.`,
      data: { check: 'timeout-beyond-run', timeout: timeout.text },
    });
  }
};

/** A loop allowed the platform's maximum of iterations that calls services back to back. */
const callsWithoutDelay: LoopCheck = (ctx, loop) => {
  const { count } = untilLimits(loop);
  if (count.kind !== 'literal' || count.value !== UNTIL_COUNT.max) return;
  const { calls, pause } = loopPacing(loop);
  const first = calls[0];
  if (!first || pause) return;
  const more = calls.length > 1 ? ` and ${calls.length - 1} more action${calls.length > 2 ? 's' : ''}` : '';
  ctx.report({
    node: count.node,
    step: loop,
    message: `'${loop.name}' may repeat ${UNTIL_COUNT.max.toLocaleString('en-US')} times, the platform's maximum, and calls '${first.name}'${more} in every iteration with no Delay between them: while its exit condition is not met it sends request after request, the abnormal execution volume that gets a flow throttled or turned off. Add a Delay inside the loop, or lower its count.`,
    related: calls.map((call) => related(ctx, call, `'${call.name}' calls a service in every iteration`)),
    data: { check: 'calls-without-delay', calls: calls.length },
  });
};

/**
 * The checks of one flow's own Do until loops. The checks across flows (a flow that calls itself
 * as a child flow, flows that trigger each other in a cycle) need the workspace, not one loop: they
 * come from core/analysis/cross-flow-loops.ts (over flow-cycles.ts) and run after these in `check`.
 */
const LOOP_CHECKS: readonly LoopCheck[] = [conditionNeverChanges, limitBeyondPlatform, callsWithoutDelay];

export default defineRule({
  meta: {
    id: 'reliability/runaway-loop',
    category: 'reliability',
    defaultSeverity: 'warning',
    description: 'A Do until loop that cannot end on its own, has limits the platform does not allow, or calls services at the maximum count with no delay.',
    help:
      'A Do until loop repeats until its exit condition is true or it reaches its count or timeout. A condition that reads ' +
      'nothing the loop changes gives the same answer every time, so unless it is true at once the loop runs to its limit; a loop allowed ' +
      'the maximum of 5,000 iterations that calls a connector or HTTP with no Delay sends thousands of requests back to back. ' +
      'Both show up as the "abnormal execution volume" that gets flows throttled or turned off. Make the condition test a value ' +
      'the loop updates, keep count and timeout within what the platform allows and as low as the loop needs, and wait between ' +
      'calls with a Delay.',
    fixable: false,
    // Measured: no findings in the corpus (15 Do until loops, each reading what its body sets). The limit checks
    // compare with documented numbers; a paging loop at the maximum count still ends when its data does.
    precision: 'high',
    tags: ['reliability'],
    key: ['check'],
  },
  check(ctx) {
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
      const loop = ctx.flow.steps[stepAt] as Step;
      if (!isUntil(loop)) continue;
      for (const check of LOOP_CHECKS) check(ctx, loop);
    }
    // Across flows: child flows that run each other in a circle, lists that trigger each other.
    for (const report of crossFlowLoopReports(ctx.workspace, ctx.flow)) ctx.report(report);
  },
});
