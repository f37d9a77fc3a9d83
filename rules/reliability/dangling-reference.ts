import { defineRule, type LintContext } from '../../core/engine/rule';
import { collectExpressions, type FlowReference } from '../../core/expressions';
import { closest, enclosingLoops, flowNames, siblings } from '../../core/analysis/names';
import type { Step } from '../../core/model/types';
import { prop, str } from '../../core/artifacts/json';

function hint(name: string, candidates: Iterable<string>): string {
  const near = closest(name, candidates);
  return near ? ` Did you mean '${near}'?` : '';
}

function* namesOf<T>(items: Iterable<T>, name: (item: T) => string): Iterable<string> {
  for (const item of items) yield name(item);
}

function checkReference(ctx: LintContext, step: Step | undefined, ref: FlowReference): void {
  const names = flowNames(ctx.flow);
  // Lazy, so that closest() reads only as many names as it compares (a flow may have 100,000).
  const allSteps = (): Iterable<string> => namesOf(ctx.flow.steps, (s) => s.name);
  const where = step ? `In '${step.name}', ` : 'In the flow outputs, ';
  const report = (message: string, kind: string, name: string): void =>
    ctx.report({ span: ref.span, step, message: where + message, data: { kind, name } });
  if (ref.kind === 'action') {
    if (!names.steps.has(ref.name.toLowerCase())) {
      report(`${ref.fn}('${ref.name}') names no action of this flow, so the expression fails at run time.${hint(ref.name, allSteps())}`, 'action', ref.name);
    }
  } else if (ref.kind === 'variable') {
    if (!names.variables.has(ref.name.toLowerCase())) {
      const declared = namesOf(names.variables.values(), (v) => String(v.node.value));
      report(`variables('${ref.name}') names a variable no 'Initialize variable' action declares.${hint(ref.name, declared)}`, 'variable', ref.name);
    }
  } else if (ref.kind === 'loop') {
    const loops = step ? enclosingLoops(step) : [];
    if (loops.some((loop) => loop.name.toLowerCase() === ref.name.toLowerCase())) return;
    const exists = names.steps.get(ref.name.toLowerCase());
    const where = exists ? `'${ref.name}' is not a loop around '${step?.name ?? 'the flow outputs'}'` : `no loop is named '${ref.name}'`;
    report(`${ref.fn}('${ref.name}') is out of scope: ${where}.${exists ? '' : hint(ref.name, loops.map((l) => l.name))}`, 'loop', ref.name);
  }
}

const VARIABLE_WRITERS = new Set(['setvariable', 'incrementvariable', 'decrementvariable', 'appendtoarrayvariable', 'appendtostringvariable']);

/** Set, Increment and Append name their variable in inputs.name, a plain string, not an expression. */
function checkVariableWriter(ctx: LintContext, step: Step): void {
  if (!VARIABLE_WRITERS.has(step.type.toLowerCase())) return;
  const nameNode = prop(step.inputs, 'name');
  const name = str(nameNode);
  if (!nameNode || name === undefined || name.startsWith('@')) return;
  const declared = flowNames(ctx.flow).variables;
  if (declared.has(name.toLowerCase())) return;
  ctx.report({
    node: nameNode,
    step,
    message: `'${step.name}' writes variable '${name}', which no 'Initialize variable' action declares.${hint(name, [...declared.values()].map((v) => String(v.node.value)))}`,
    data: { kind: 'variable', name },
  });
}

export default defineRule({
  meta: {
    id: 'reliability/dangling-reference',
    category: 'reliability',
    defaultSeverity: 'error',
    description: 'An expression or runAfter naming an action, variable or loop that does not exist or is out of scope.',
    help:
      'Renaming or deleting an action in an exported file, or copying actions between flows, leaves expressions such as ' +
      "body('Old_name'), variables('x') or items('Apply_to_each') naming something the flow does not have, or a loop " +
      'the step is not inside. The import fails, or the run fails when it reaches the step. Point the reference at the ' +
      'right action, variable or loop.',
    fixable: false,
    // Measured: 0 findings in the corpus of flows that import and run.
    precision: 'very-high',
    tags: ['reliability', 'correctness'],
    key: ['kind', 'name'],
  },
  check(ctx) {
    const expressions = collectExpressions(ctx.flow);
    // By index: for...of allocates an iterator result per item in code the JIT has not optimised
    // yet, and this runs for every reference of every flow.
    const sets = expressions.steps;
    for (let s = 0; s < sets.length; s++) {
      const set = sets[s] as (typeof sets)[number];
      for (let r = 0; r < set.references.length; r++) checkReference(ctx, set.step, set.references[r] as (typeof set.references)[number]);
      const step = set.step;
      checkVariableWriter(ctx, step);
      for (let a = 0; a < step.runAfter.length; a++) {
        const after = step.runAfter[a] as (typeof step.runAfter)[number];
        const elsewhere = flowNames(ctx.flow).steps.get(after.action.toLowerCase());
        if (elsewhere && elsewhere !== step && elsewhere.parent === step.parent && elsewhere.branch === step.branch && elsewhere.kind === step.kind) continue;
        const here = siblings(ctx.flow, step);
        ctx.report({
          node: after.node,
          step,
          message: elsewhere
            ? `'${step.name}' runs after '${after.action}', which is not in the same scope; run-after can only name actions beside it.`
            : `'${step.name}' runs after '${after.action}', which does not exist.${hint(after.action, here.filter((s) => s !== step).map((s) => s.name))}`,
          data: { kind: 'runAfter', name: after.action },
        });
      }
    }
    for (const ref of expressions.outputs.references) checkReference(ctx, undefined, ref);
  },
});
