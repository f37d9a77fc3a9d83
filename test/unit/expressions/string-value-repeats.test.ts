import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson, prop } from '../../../core/artifacts/json';
import { decodeJsonString } from '../../../core/expressions/json-string';
import { parseStringText, parseStringValue, type StringExpressions } from '../../../core/expressions/string-value';

// parseStringValue keeps the parse of an escape-free value and hands out copies with their spans
// moved when the value comes again elsewhere (string-value.ts, PARSED): what it gives must be what
// a parse of the value where it is gives, in new objects wherever the offset differs (at the
// offset the kept parse was made for, the same flow built again, it may be the kept parse itself).

/** The value `v` of a file that writes `pad` spaces first, and what a parse made there, afresh, gives. */
function at(rawJson: string, pad: number): { got: StringExpressions; fresh: StringExpressions } {
  const doc = parseJson(sourceFromText('t.json', `${' '.repeat(pad)}{"v": ${rawJson}}`));
  const node = prop(doc.root, 'v');
  assert.ok(node);
  const decoded = decodeJsonString(node, doc.source.text);
  return { got: parseStringValue(node, doc.source.text), fresh: parseStringText(decoded.text, decoded.at) };
}

const VALUES = [
  `"@body('Get_items')?['value']"`,
  `"Title eq '@{triggerBody()?['text']}' and @{variables('x')}"`,
  `"@concat('a''b', 1.5e3, -2, true, null, item()?.name[0])"`,
  `"@"`,
  `"@{}"`,
  `"text @{unclosed("`,
  `"@{'quote}"`,
  `"@@not an expression @{outputs('A')}"`,
  `"user@contoso.com"`,
  `"@parameters('$authentication')"`,
  // Escapes: parsed where they are, never from the kept parses.
  `"@{body('A')}\\n@{body('B')}"`,
];

describe('expressions/parseStringValue, a value met again', () => {
  for (const raw of VALUES) {
    it(`gives what a fresh parse gives wherever it is written: ${raw}`, () => {
      const seen: { pad: number; got: StringExpressions }[] = [];
      for (const pad of [0, 7, 0, 300, 3]) {
        const { got, fresh } = at(raw, pad);
        assert.deepStrictEqual(got, fresh);
        assert.equal(JSON.stringify(got), JSON.stringify(fresh), 'the same properties in the same order');
        for (const before of seen) if (before.pad !== pad) assert.notEqual(got, before.got, 'a new object wherever the value is written elsewhere');
        seen.push({ pad, got });
      }
    });
  }

  it('keeps the sharing of a parse: interpolation parts hold the expressions, an empty one its outer span as error span', () => {
    for (const pad of [0, 11]) {
      const { got } = at(`"a @{b()} c @{d()}"`, pad);
      assert.ok(got.kind === 'template');
      const held = got.parts.flatMap((p) => (p.kind === 'interpolation' ? [p.expression] : []));
      assert.equal(held.length, 2);
      held.forEach((e, i) => assert.equal(e, got.expressions[i]));
      const empty = at(`"@"`, pad).got;
      assert.ok(empty.kind === 'expression' && empty.expression.error);
      assert.equal(empty.expression.error.span, empty.expression.outerSpan);
    }
  });

  it('hands out no part of a parse it keeps: changing one copy leaves the next alone', () => {
    const first = at(`"@outputs('Compose_9')?['body']"`, 0).got;
    assert.ok(first.kind === 'expression' && first.expression.ast);
    const second = at(`"@outputs('Compose_9')?['body']"`, 5).got;
    assert.ok(second.kind === 'expression' && second.expression.ast);
    second.expression.span.offset = -1;
    const third = at(`"@outputs('Compose_9')?['body']"`, 5);
    assert.deepStrictEqual(third.got, third.fresh);
  });
});
