import * as assert from 'node:assert/strict';
import { sinkReach } from '../../../core/analysis/sink-reach';
import { traceForward } from '../../../core/analysis/trace';
import type { Flow, Step } from '../../../core/model/types';
import { flowOf, step } from '../../helpers/action-flows';

const isSink = (s: Step): boolean => s.type === 'Http';
const source = { runAfter: {}, type: 'Compose', inputs: 'data' };
const compose = (after: string, inputs: string) => ({ runAfter: { [after]: ['Succeeded'] }, type: 'Compose', inputs });
const http = (after: string, body: string) => ({ runAfter: { [after]: ['Succeeded'] }, type: 'Http', inputs: { method: 'POST', uri: 'https://example.com', body } });

/** What the helper promises: every step with a traced path is kept. */
function assertKeepsTraced(flow: Flow): void {
  const reaches = sinkReach(flow, flow.steps, isSink);
  for (const s of flow.steps) if (traceForward(flow, s, { isSink }).length > 0) assert.ok(reaches(s), s.name);
}

describe('analysis/sinkReach', () => {
  it('keeps a source whose value reaches a sink through pass-through steps', () => {
    const flow = flowOf({ Source: source, Shape: compose('Source', "@outputs('Source')"), Send: http('Shape', "@outputs('Shape')") });
    const reaches = sinkReach(flow, [step(flow, 'Source')], isSink);
    assert.equal(reaches(step(flow, 'Source')), true);
    assertKeepsTraced(flow);
  });

  it('rules out a source whose value stops at a step that is neither a sink nor passes it on', () => {
    const flow = flowOf({
      Source: source,
      Shape: compose('Source', "@outputs('Source')"),
      Store: { runAfter: { Shape: ['Succeeded'] }, type: 'Wait', inputs: { interval: { count: "@outputs('Shape')", unit: 'Second' } } },
      Other: compose('Store', 'x'),
      Send: http('Other', "@outputs('Other')"),
    });
    const reaches = sinkReach(flow, [step(flow, 'Source')], isSink);
    assert.equal(reaches(step(flow, 'Source')), false);
    assertKeepsTraced(flow);
  });

  it('follows a value through a variable to the steps that read it', () => {
    const flow = flowOf({
      Source: source,
      Init: { runAfter: { Source: ['Succeeded'] }, type: 'InitializeVariable', inputs: { variables: [{ name: 'V', type: 'string', value: "@outputs('Source')" }] } },
      Send: http('Init', "@variables('v')"),
    });
    const reaches = sinkReach(flow, [step(flow, 'Source')], isSink);
    assert.equal(reaches(step(flow, 'Source')), true);
    assertKeepsTraced(flow);
  });

  it('rules out what no source reaches, and a source no step reads', () => {
    const flow = flowOf({ Source: source, Unread: compose('Source', 'x'), Send: http('Unread', "@outputs('Source')") });
    const reaches = sinkReach(flow, [step(flow, 'Unread')], isSink);
    assert.equal(reaches(step(flow, 'Unread')), false);
    assertKeepsTraced(flow);
  });

  it('walks back through every step of one name, as readersOf matches names without regard to case', () => {
    const flow = flowOf({ Source: source, shape: compose('Source', "@outputs('Source')"), Send: http('shape', "@outputs('SHAPE')") });
    const reaches = sinkReach(flow, [step(flow, 'Source')], isSink);
    assert.equal(reaches(step(flow, 'Source')), true);
    assertKeepsTraced(flow);
  });
});
