import * as assert from 'node:assert/strict';
import { judgeCondition } from '../../../core/analysis/until-condition';
import type { Flow, Step } from '../../../core/model/types';
import { flowFromText } from '../../helpers/fixtures';

function flowOf(actions: object): Flow {
  return flowFromText(JSON.stringify({ properties: { definition: { $schema: 'x', triggers: {}, actions } }, schemaVersion: '1.0.0.0' }));
}

function verdict(actions: object): string {
  const flow = flowOf(actions);
  const loop = flow.steps.find((s) => s.name === 'Loop') as Step;
  return judgeCondition(flow, loop).kind;
}

const init = { runAfter: {}, type: 'InitializeVariable', inputs: { variables: [{ name: 'v', type: 'boolean', value: false }] } };
const set = (after?: string) => ({ runAfter: after ? { [after]: ['Succeeded'] } : {}, type: 'SetVariable', inputs: { name: 'v', value: true } });
const wait = { D: { runAfter: {}, type: 'Wait', inputs: { interval: { count: 1, unit: 'Minute' } } } };
const loop = (expression: unknown, after?: string, actions: object = wait) => ({ runAfter: after ? { [after]: ['Succeeded'] } : {}, type: 'Until', expression, actions });

describe('analysis/judgeCondition', () => {
  it('a flag set before the loop, in the same Apply to each iteration, stays set while the loop runs', () => {
    const each = { runAfter: { Init: ['Succeeded'] }, type: 'Foreach', foreach: '@createArray(1, 2)', actions: { Set: set(), Loop: loop("@variables('v')", 'Set') } };
    assert.equal(verdict({ Init: init, Each: each }), 'fixed');
  });

  it('another iteration of an Apply to each with concurrency on may set it meanwhile', () => {
    const each = {
      runAfter: { Init: ['Succeeded'] },
      type: 'Foreach',
      foreach: '@createArray(1, 2)',
      runtimeConfiguration: { concurrency: { repetitions: 5 } },
      actions: { Set: set(), Loop: loop("@variables('v')", 'Set') },
    };
    assert.equal(verdict({ Init: init, Each: each }), 'changes');
  });

  it('a write in the other branch of a condition never runs beside the loop', () => {
    const branch = { runAfter: { Init: ['Succeeded'] }, type: 'If', expression: '@true', actions: { Loop: loop("@variables('v')") }, else: { actions: { Set: set() } } };
    assert.equal(verdict({ Init: init, Branch: branch }), 'fixed');
  });

  it('reads a condition written as an object, as the new designer writes conditions', () => {
    assert.equal(verdict({ Init: init, Loop: loop({ and: [{ equals: ["@variables('v')", true] }] }, 'Init') }), 'fixed');
    assert.equal(verdict({ Init: init, Loop: loop({ and: [{ equals: ["@variables('v')", true] }] }, 'Init', { Set: set() }) }), 'changes');
  });

  it("holds the enclosing loop's item and the trigger fixed, and a loop-local action's outputs changing", () => {
    const each = (expression: string, actions: object = wait) => ({ runAfter: {}, type: 'Foreach', foreach: '@triggerBody()', actions: { Loop: loop(expression, undefined, actions) } });
    assert.equal(verdict({ Each: each("@equals(items('Each'), triggerBody()?['stop'])") }), 'fixed');
    assert.equal(verdict({ Each: each("@equals(outputs('Check')['statusCode'], 200)", { Check: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: 'https://x' } } }) }), 'changes');
  });

  it('never calls fixed plain true, a malformed condition, names computed at run time, or names that do not exist', () => {
    const quiet = [
      { Loop: loop('@true') },
      { Loop: loop(true) },
      { Loop: loop("@equals(variables('v')") },
      { Init: init, Loop: loop("@variables(concat('v', ''))", 'Init') },
      { Loop: loop("@variables('missing')") },
      { Loop: loop("@equals(body('Missing'), 1)") },
    ];
    for (const actions of quiet) assert.notEqual(verdict(actions), 'fixed', JSON.stringify(actions));
  });
});
