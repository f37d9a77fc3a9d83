import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation } from 'jsonc-parser';
import { sourceFromText } from '../../../core/artifacts/decode';
import { at, parseJson, type JsonNode } from '../../../core/artifacts/json';

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLE = path.join(ROOT, 'samples', 'ContosoExpenses', 'src', 'Workflows', 'Expenseapproval-6E1F0C3A-9B2D-EE11-9CBE-0022480A1F31.json');

/** Every value node of a tree with its path from the root: keys of objects, indexes of arrays. */
function paths(root: JsonNode): [JsonNode, (string | number)[]][] {
  const out: [JsonNode, (string | number)[]][] = [];
  const visit = (node: JsonNode, at: (string | number)[]): void => {
    out.push([node, at]);
    if (node.type === 'object') for (const p of node.children ?? []) visit(p.children?.[1] as JsonNode, [...at, p.children?.[0]?.value as string]);
    if (node.type === 'array') (node.children ?? []).forEach((c, i) => visit(c, [...at, i]));
  };
  visit(root, []);
  return out;
}

describe('artifacts/json at: a node by its path', () => {
  it('finds what jsonc-parser findNodeAtLocation finds, for every value of a flow and for paths that lead nowhere', () => {
    const doc = parseJson(sourceFromText('flow.json', readFileSync(SAMPLE, 'utf8')));
    const all = paths(doc.root);
    assert.ok(all.length > 300, `${all.length} values`);
    for (const [node, where] of all) {
      assert.equal(at(doc.root, ...where), node, where.join('/'));
      assert.equal(at(doc.root, ...where), findNodeAtLocation(doc.root, where));
      // One step past it: a key or an index it does not have, or the wrong kind of segment.
      for (const more of ['nowhere', 0, -1, 10_000]) assert.equal(at(doc.root, ...where, more), findNodeAtLocation(doc.root, [...where, more]), `${where.join('/')}/${more}`);
    }
    assert.equal(at(undefined, 'properties'), undefined);
    assert.equal(at(doc.root), doc.root);
  });
});
