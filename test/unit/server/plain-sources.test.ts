import * as assert from 'node:assert/strict';
import { createSourceFile } from '../../../core/artifacts/source';
import { fromPlain, toPlain } from '../../../server/plain-sources';

describe('server: what the pass worker sends, SourceFiles included', () => {
  it('arrives with working, lazy SourceFiles, shared ones still shared, and Maps, cycles and plain data as they were', () => {
    const source = createSourceFile('Sol/Other/Customizations.xml', 'first line\nsecond line\n');
    const other = createSourceFile('Sol/x.json', '{}', true);
    const solution: Record<string, unknown> = {
      path: 'Sol',
      connectionReferences: new Map([['ref', { logicalName: 'ref', at: { source, span: { offset: 11, length: 6 } } }]]),
      environmentVariables: [{ schemaName: 'v', definitionAt: { source, span: { offset: 0, length: 5 } } }],
      deploymentSettings: [{ doc: { source: other, root: { type: 'object', offset: 0, length: 2 } } }],
      pattern: /x+/i,
      callback: () => 'not data',
    };
    solution.self = solution;
    const arrived = fromPlain(structuredClone(toPlain({ solution, again: solution })));
    const copy = arrived.solution;
    const ref = (copy.connectionReferences as Map<string, { at: { source: typeof source } }>).get('ref');
    assert.ok(ref);
    assert.deepEqual(ref.at.source.lines.rangeOf({ offset: 11, length: 6 }), { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    const variable = (copy.environmentVariables as { definitionAt: { source: typeof source } }[])[0];
    assert.equal(variable?.definitionAt.source, ref.at.source, 'one SourceFile, as before');
    const settings = (copy.deploymentSettings as { doc: { source: typeof other } }[])[0];
    assert.equal(settings?.doc.source.hadBom, true);
    assert.equal(settings?.doc.source.path, 'Sol/x.json');
    assert.equal(copy.self, copy);
    assert.equal(arrived.again, copy);
    assert.ok(copy.pattern instanceof RegExp);
    assert.equal('callback' in copy, false, 'functions stay behind');
    // The sender's objects are left as they were.
    assert.equal((solution.connectionReferences as Map<string, { at: { source: unknown } }>).get('ref')?.at.source, source);
  });
});
