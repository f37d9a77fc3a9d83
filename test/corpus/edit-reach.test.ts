import * as assert from 'node:assert/strict';
import { assertSameAsWholeIndex, flowsOf } from '../helpers/edit-reach';
import { CORPUS_DIR, requireCorpus } from '../helpers/corpus';

describe('corpus: the flows an edit can reach (server/flow-graph.ts)', () => {
  it('gives each corpus flow the cross-flow facts the whole corpus index gives it', async function () {
    requireCorpus(this);
    this.timeout(120_000);
    assert.ok(assertSameAsWholeIndex(await flowsOf(CORPUS_DIR), false) > 0, 'the corpus holds child flows');
  });
});
