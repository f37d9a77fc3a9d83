import * as assert from 'node:assert/strict';
import type { Node } from 'jsonc-parser';

// Comparing two JSON trees node for node: for the tests of the tree builder (json-tree.ts) and of
// the reparse of an edit (json-reparse.ts).

/**
 * The two trees are the same: the same own fields in the same order with the same values
 * (Object.is, so -0 is not 0), parents that are the corresponding nodes, children arrays alike.
 */
export function assertSameTree(actual: Node, expected: Node, where = '$'): void {
  const pairs = new Map<Node, Node>([[actual, expected]]);
  const stack: [Node, Node, string][] = [[actual, expected, where]];
  while (stack.length > 0) {
    const [a, e, at] = stack.pop() as [Node, Node, string];
    assert.deepEqual(Object.keys(a), Object.keys(e), `fields at ${at}`);
    for (const key of Object.keys(e) as (keyof Node)[]) {
      if (key === 'parent') {
        assert.equal(pairs.get(a.parent as Node), e.parent, `parent at ${at}`);
      } else if (key === 'children') {
        const ac = a.children as Node[];
        const ec = e.children as Node[];
        assert.equal(ac.length, ec.length, `children at ${at}`);
        ec.forEach((child, i) => {
          pairs.set(ac[i] as Node, child);
          stack.push([ac[i] as Node, child, `${at}/${i}`]);
        });
      } else {
        assert.ok(Object.is(a[key], e[key]), `${key} at ${at}: ${String(a[key])} vs ${String(e[key])}`);
      }
    }
  }
}

