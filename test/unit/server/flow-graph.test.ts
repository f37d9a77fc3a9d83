import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { connectedKeys } from '../../../server/flow-graph';
import { assertSameAsWholeIndex, flowsOf } from '../../helpers/edit-reach';
import { FIXTURES } from '../../helpers/fixtures';

describe('server: the flows an edit can reach', () => {
  it('links callers to the flows holding the id they call, and writers to the flows their writes trigger, both ways', () => {
    const place = { file: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const target = { connector: 'shared_sharepointonline', key: 'site|list', change: 'created', label: "list 'L'" } as const;
    const outline = (key: string, extra: object) => ({ key, name: key, ids: [], calls: [], writes: [], ...extra });
    const outlines = [
      outline('parent', { calls: [{ step: 'Run', workflowId: 'child-id', place, unconditional: true }] }),
      outline('child', { ids: ['child-id'], writes: [{ step: 'Create', place, target }] }),
      outline('watcher', { trigger: { name: 'When', place, request: false, filtered: false, inputs: {}, watches: target } }),
      outline('alone', { ids: ['other'] }),
    ];
    assert.deepEqual([...connectedKeys(outlines, ['watcher'])].sort(), ['child', 'parent', 'watcher']);
    assert.deepEqual([...connectedKeys(outlines, ['alone'])], ['alone']);
    // A call removed from the parent's buffer still links it to the child through how it was before.
    const edited = [{ ...outlines[0]!, calls: [] }, ...outlines.slice(1)];
    assert.deepEqual([...connectedKeys(edited, ['parent'])], ['parent']);
    assert.deepEqual([...connectedKeys(edited, ['parent'], [outlines[0]!])].sort(), ['child', 'parent', 'watcher']);
  });

  it("gives each fixture flow the cross-flow facts and findings the whole fixtures' index gives it", async () => {
    const flows = [
      ...(await flowsOf(path.join(FIXTURES, 'exfiltration'))),
      ...(await flowsOf(path.join(FIXTURES, 'reliability', 'runaway-loop'))),
    ];
    assert.ok(assertSameAsWholeIndex(flows, true) >= 4, 'the fixtures hold parents, children and loops of flows');
  });

});
