import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson, prop } from '../../../core/artifacts/json';
import { parseStringText, parseStringValue, type EmbeddedExpression, type StringExpressions } from '../../../core/expressions/string-value';
import type { Span } from '../../../core/text/range';

/** Parses `"v": <rawJson>` inside a small file, so spans must come back as offsets of that file. */
function fromJson(rawJson: string): { file: string; parsed: StringExpressions; at: (span: Span) => string } {
  const file = `{\n  "other": "x",\n  "v": ${rawJson}\n}`;
  const doc = parseJson(sourceFromText('t.json', file));
  const node = prop(doc.root, 'v');
  assert.ok(node);
  return { file, parsed: parseStringValue(node, doc.source.text), at: (span) => file.slice(span.offset, span.offset + span.length) };
}

function only(parsed: StringExpressions): EmbeddedExpression {
  assert.equal(parsed.kind, 'expression');
  assert.ok(parsed.kind === 'expression');
  return parsed.expression;
}

function interpolations(parsed: StringExpressions): EmbeddedExpression[] {
  assert.ok(parsed.kind === 'template', `expected a template, got ${parsed.kind}`);
  return parsed.expressions;
}

describe('expressions/parseStringValue', () => {
  it('a value starting with @ is one whole expression', () => {
    const { parsed, at } = fromJson(`"@body('Get_items')?['value']"`);
    const e = only(parsed);
    assert.equal(e.text, "body('Get_items')?['value']");
    assert.equal(at(e.span), "body('Get_items')?['value']");
    assert.equal(at(e.outerSpan), "@body('Get_items')?['value']");
    assert.equal(e.ast?.type, 'index');
  });

  it('plain text, and text with a lone @ (an e-mail address), are literals', () => {
    assert.deepEqual(fromJson('"Hello"').parsed, { kind: 'literal', value: 'Hello' });
    assert.deepEqual(fromJson('"mail me at a@contoso.com"').parsed, { kind: 'literal', value: 'mail me at a@contoso.com' });
    assert.deepEqual(fromJson('" @body(1)"').parsed, { kind: 'literal', value: ' @body(1)' });
    assert.deepEqual(fromJson('""').parsed, { kind: 'literal', value: '' });
  });

  it('@@ at the start escapes the @: a literal, not an expression', () => {
    assert.deepEqual(fromJson(`"@@mention"`).parsed, { kind: 'literal', value: '@mention' });
    assert.deepEqual(fromJson(`"@@{not an expression}"`).parsed, { kind: 'literal', value: '@{not an expression}' });
    const later = fromJson(`"@@x @{variables('v')}"`).parsed;
    assert.ok(later.kind === 'template' && later.parts[0]?.kind === 'text' && later.parts[0].value === '@x ');
  });

  it('@@{ inside text is a literal @{; other @@ are left as written', () => {
    assert.deepEqual(fromJson(`"Count is: @@{parameters('n')}"`).parsed, { kind: 'literal', value: "Count is: @{parameters('n')}" });
    assert.deepEqual(fromJson(`"a@@b"`).parsed, { kind: 'literal', value: 'a@@b' });
    const { parsed, at } = fromJson(`"@@{x} and @{variables('y')}"`);
    const [e] = interpolations(parsed);
    assert.equal(at(e!.outerSpan), "@{variables('y')}");
    assert.ok(parsed.kind === 'template');
    const text = parsed.parts[0];
    assert.ok(text?.kind === 'text');
    assert.equal(text.value, '@{x} and ');
    assert.equal(at(text.span), '@@{x} and ');
  });

  it('finds every interpolation of a template, with the text between', () => {
    const { parsed, at } = fromJson(`"Hello @{triggerBody()?['name']}, total @{add(1,2)}!"`);
    const [name, total] = interpolations(parsed);
    assert.equal(at(name!.span), "triggerBody()?['name']");
    assert.equal(at(name!.outerSpan), "@{triggerBody()?['name']}");
    assert.equal(at(total!.span), 'add(1,2)');
    assert.ok(parsed.kind === 'template');
    assert.deepEqual(parsed.parts.map((p) => (p.kind === 'text' ? [p.value, at(p.span)] : p.expression.text)), [
      ['Hello ', 'Hello '],
      "triggerBody()?['name']",
      [', total ', ', total '],
      'add(1,2)',
      ['!', '!'],
    ]);
  });

  it('a value that is only @{...} is a template (its result becomes text)', () => {
    const { parsed } = fromJson(`"@{triggerBody()['number_1']}"`);
    assert.equal(interpolations(parsed).length, 1);
    assert.ok(parsed.kind === 'template' && parsed.parts.length === 1);
  });

  it("closes an interpolation at the first } outside a quoted literal, '' included", () => {
    const { parsed, at } = fromJson(`"a @{concat('{', '}', 'it''s }')} b @{'@{nested}'} c"`);
    const [first, second] = interpolations(parsed);
    assert.equal(at(first!.span), "concat('{', '}', 'it''s }')");
    assert.ok(first!.ast);
    assert.equal(at(second!.span), "'@{nested}'");
    assert.ok(second?.ast?.type === 'string' && second.ast.value === '@{nested}');
  });

  it('maps spans through JSON escapes back to the file', () => {
    // \" and \u0027 are one character of the value but 2 and 6 of the file.
    const { parsed, at } = fromJson(`"Say \\"hi\\" to @{body(\\u0027Get_items\\u0027)?['value']} and @{variables('x\\ny')}"`);
    const [body, variable] = interpolations(parsed);
    assert.equal(body!.text, "body('Get_items')?['value']");
    assert.equal(at(body!.span), "body(\\u0027Get_items\\u0027)?['value']");
    const ast = body!.ast;
    assert.ok(ast?.type === 'index' && ast.target.type === 'call');
    assert.equal(at(ast.target.args[0]!.span), '\\u0027Get_items\\u0027');
    assert.equal(at(ast.index.span), "'value'");
    assert.equal(at(variable!.span), "variables('x\\ny')");
    assert.ok(parsed.kind === 'template');
    const text = parsed.parts[0];
    assert.ok(text?.kind === 'text');
    assert.equal(text.value, 'Say "hi" to ');
    assert.equal(at(text.span), 'Say \\"hi\\" to ');
  });

  it('maps spans after escaped quotes in a whole expression', () => {
    const { parsed, at } = fromJson(`"@concat('say \\"x\\"', body('Get_items'))"`);
    const e = only(parsed);
    assert.ok(e.ast?.type === 'call');
    const inner = e.ast.args[1];
    assert.ok(inner?.type === 'call');
    assert.equal(at(inner.args[0]!.span), "'Get_items'");
    assert.equal(at(e.ast.span), `concat('say \\"x\\"', body('Get_items'))`);
  });

  it('maps spans past escaped surrogate pairs and raw astral characters', () => {
    const { parsed, at } = fromJson(`"\\ud83d\\ude00 😀 @{variables('é')}"`);
    const [e] = interpolations(parsed);
    assert.equal(at(e!.span), "variables('é')");
  });

  it('works on CRLF, single-line and BOM files alike', () => {
    const file = '\uFEFF{\r\n  "a": "x",\r\n  "v": "t \\t @{body(\'B\')}"\r\n}';
    const doc = parseJson(sourceFromText('t.json', file));
    const [e] = interpolations(parseStringValue(prop(doc.root, 'v')!, doc.source.text));
    assert.equal(doc.source.text.slice(e!.span.offset, e!.span.offset + e!.span.length), "body('B')");
  });

  describe('malformed values: errors at their position, never thrown', () => {
    it("'@{' without '}'", () => {
      const { parsed, at } = fromJson(`"x @{body('A') y"`);
      const [e] = interpolations(parsed);
      assert.equal(e!.error?.message, "Missing '}' to close '@{'.");
      assert.equal(at(e!.error!.span), '@{');
      assert.equal(at(e!.outerSpan), "@{body('A') y");
    });

    it("'@{' whose literal never closes", () => {
      const { parsed, at } = fromJson(`"x @{body('A}) y"`);
      const [e] = interpolations(parsed);
      assert.match(e!.error!.message, /Unclosed string literal/);
      assert.equal(at(e!.error!.span), "'A}) y");
    });

    it("empty '@{}' and a lone '@'", () => {
      const empty = fromJson(`"a @{ } b"`);
      const [e] = interpolations(empty.parsed);
      assert.equal(e!.error?.message, 'The expression is empty.');
      assert.equal(empty.at(e!.error!.span), '@{ }');
      const lone = fromJson('"@"');
      assert.equal(lone.at(only(lone.parsed).error!.span), '@');
    });

    it('an unclosed parenthesis inside an interpolation, at its file offset', () => {
      const { parsed, at, file } = fromJson(`"a \\"q\\" @{concat('x', body('B')}"`);
      const [e] = interpolations(parsed);
      assert.match(e!.error!.message, /Missing '\)' to close the call to concat/);
      assert.equal(at(e!.error!.span), '(');
      assert.equal(e!.error!.span.offset, file.indexOf('concat(') + 6);
    });

    it('garbage in a whole expression', () => {
      const { parsed, at } = fromJson(`"@body('A') + 1"`);
      const e = only(parsed);
      assert.match(e.error!.message, /Unexpected '\+' after the end/);
      assert.equal(at(e.error!.span), '+');
    });
  });

  it('parseStringText gives spans into the value itself', () => {
    const parsed = parseStringText("id: @{items('Loop')?['ID']}");
    const [e] = interpolations(parsed);
    assert.deepEqual(e!.span, { offset: 6, length: 20 });
  });
});
