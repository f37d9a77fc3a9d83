import * as assert from 'node:assert/strict';
import { ReachingWrites } from '../../../core/analysis/reaching';
import { flowOf, step } from '../../helpers/action-flows';

const init = { runAfter: {}, type: 'InitializeVariable', inputs: { variables: [{ name: 'v', type: 'string', value: 'a' }] } };
const set = (after: string, value = 'b') => ({ runAfter: { [after]: ['Succeeded'] }, type: 'SetVariable', inputs: { name: 'v', value } });
const read = (after: string) => ({ runAfter: { [after]: ['Succeeded'] }, type: 'Compose', inputs: "@variables('v')" });

describe('analysis/ReachingWrites', () => {
  it('a Set replaces the value for the steps after it', () => {
    const flow = flowOf({ Init: init, Set: set('Init'), Read: read('Set') });
    const reaching = new ReachingWrites(flow);
    assert.equal(reaching.reaches(step(flow, 'Init'), 'v', step(flow, 'Read')), false);
    assert.equal(reaching.reaches(step(flow, 'Set'), 'v', step(flow, 'Read')), true);
  });

  it('parallel branches join: a write on either branch may reach the join', () => {
    const flow = flowOf({
      Init: init,
      Left: set('Init'),
      Right: { runAfter: { Init: ['Succeeded'] }, type: 'Compose', inputs: 'x' },
      Join: { runAfter: { Left: ['Succeeded'], Right: ['Succeeded'] }, type: 'Compose', inputs: "@variables('v')" },
    });
    const reaching = new ReachingWrites(flow);
    assert.equal(reaching.reaches(step(flow, 'Left'), 'v', step(flow, 'Join')), true);
  });

  it('a write in one branch of a condition does not hide the value from before it', () => {
    const flow = flowOf({
      Init: init,
      Check: { runAfter: { Init: ['Succeeded'] }, type: 'If', expression: true, actions: { Clear: { runAfter: {}, type: 'SetVariable', inputs: { name: 'v', value: '' } } }, else: { actions: {} } },
      Read: read('Check'),
    });
    const reaching = new ReachingWrites(flow);
    assert.equal(reaching.reaches(step(flow, 'Init'), 'v', step(flow, 'Read')), true);
    assert.equal(reaching.reaches(step(flow, 'Clear'), 'v', step(flow, 'Read')), true);
  });

  it("a write late in a loop's body reaches a read early in the next iteration", () => {
    const flow = flowOf({
      Init: init,
      Loop: {
        runAfter: { Init: ['Succeeded'] },
        type: 'Foreach',
        foreach: '@createArray(1,2)',
        actions: { ReadFirst: { runAfter: {}, type: 'Compose', inputs: "@variables('v')" }, SetLast: set('ReadFirst') },
      },
    });
    const reaching = new ReachingWrites(flow);
    assert.equal(reaching.reaches(step(flow, 'SetLast'), 'v', step(flow, 'ReadFirst')), true);
    assert.equal(reaching.reaches(step(flow, 'Init'), 'v', step(flow, 'ReadFirst')), true);
  });

  it('a later write never reaches an earlier read outside loops', () => {
    const flow = flowOf({ Init: init, Read: read('Init'), Set: set('Read') });
    const reaching = new ReachingWrites(flow);
    assert.equal(reaching.reaches(step(flow, 'Set'), 'v', step(flow, 'Read')), false);
  });
});
