import * as assert from 'node:assert/strict';
import type { Expr } from '../../../core/expressions/ast';
import { MAX_EXPRESSION_DEPTH, parseExpression } from '../../../core/expressions/parser';
import { parseStringText } from '../../../core/expressions/string-value';
import type { Span } from '../../../core/text/range';

function ast(text: string): Expr {
  const result = parseExpression(text);
  assert.ok(result.ast, `expected ${text} to parse, got ${result.error?.message}`);
  return result.ast;
}

function slice(text: string, span: Span): string {
  return text.slice(span.offset, span.offset + span.length);
}

/** A compact rendering of a tree, so expectations read like the expression itself. */
function show(expr: Expr): string {
  switch (expr.type) {
    case 'call':
      return `${expr.name}(${expr.args.map(show).join(', ')})`;
    case 'string':
      return JSON.stringify(expr.value);
    case 'number':
      return `#${expr.value}`;
    case 'boolean':
      return String(expr.value);
    case 'null':
      return 'null';
    case 'index':
      return `${show(expr.target)}${expr.optional ? '?' : ''}[${show(expr.index)}]`;
    case 'member':
      return `${show(expr.target)}${expr.optional ? '?' : ''}.${expr.name}`;
  }
}

function errorOf(text: string): { message: string; at: string; offset: number } {
  const result = parseExpression(text);
  assert.ok(result.error, `expected ${text} to fail`);
  return { message: result.error.message, at: slice(text, result.error.span), offset: result.error.span.offset };
}

describe('expressions/parseExpression', () => {
  it('parses calls with any number of arguments, nested', () => {
    assert.equal(show(ast("concat('a', toLower(triggerBody()?['name']), utcNow())")), 'concat("a", toLower(triggerBody()?["name"]), utcNow())');
    assert.equal(show(ast('guid()')), 'guid()');
    assert.equal(show(ast(' if ( equals ( 1 , 2 ) , true , false ) ')), 'if(equals(#1, #2), true, false)');
  });

  it("reads '' inside a literal as one quote", () => {
    const literal = ast("'it''s ''quoted'''");
    assert.equal(literal.type, 'string');
    assert.equal(literal.type === 'string' && literal.value, "it's 'quoted'");
    assert.equal(show(ast("replace(variables('x'), '''', '')")), `replace(variables("x"), "'", "")`);
  });

  it('parses numbers: integers, decimals, negatives, exponents', () => {
    assert.equal(show(ast('add(1, -2)')), 'add(#1, #-2)');
    assert.equal(show(ast('mul(1.5, -0.25)')), 'mul(#1.5, #-0.25)');
    assert.equal(show(ast('float(1e3)')), 'float(#1000)');
    const n = ast('12.50');
    assert.ok(n.type === 'number' && n.raw === '12.50' && n.value === 12.5);
  });

  it('parses true, false and null in any case', () => {
    assert.equal(show(ast('createArray(true, false, null, True, NULL)')), 'createArray(true, false, null, true, null)');
  });

  it('parses indexers, null-safe indexers and member access, chained', () => {
    assert.equal(show(ast("body('Get_items')?['value'][0]")), 'body("Get_items")?["value"][#0]');
    assert.equal(show(ast("triggerOutputs().headers['X-MS-APIM-Tokens']")), 'triggerOutputs().headers["X-MS-APIM-Tokens"]');
    assert.equal(show(ast('trigger().outputs?.body?.name')), 'trigger().outputs?.body?.name');
    assert.equal(show(ast("items('Loop')?[variables('key')]")), 'items("Loop")?[variables("key")]');
    assert.equal(show(ast("outputs('A') ?[ 'body' ]")), 'outputs("A")?["body"]');
  });

  it('gives every node the span of its text', () => {
    const text = "coalesce(body('Get_items')?['value'], null)";
    const call = ast(text);
    assert.ok(call.type === 'call');
    assert.equal(slice(text, call.span), text);
    assert.equal(slice(text, call.nameSpan), 'coalesce');
    const [index, nul] = call.args;
    assert.ok(index?.type === 'index' && nul?.type === 'null');
    assert.equal(slice(text, index.span), "body('Get_items')?['value']");
    assert.equal(slice(text, index.target.span), "body('Get_items')");
    assert.equal(slice(text, index.index.span), "'value'");
    assert.equal(slice(text, nul.span), 'null');
    const member = ast('trigger().outputs');
    assert.ok(member.type === 'member');
    assert.equal(slice('trigger().outputs', member.nameSpan), 'outputs');
  });

  it('keeps unicode in literals and counts spans in UTF-16 units', () => {
    const text = "concat('héllo 👋 世界', variables('Prénom'))";
    const call = ast(text);
    assert.ok(call.type === 'call');
    const [greeting, variable] = call.args;
    assert.ok(greeting?.type === 'string' && greeting.value === 'héllo 👋 世界');
    assert.equal(slice(text, variable!.span), "variables('Prénom')");
  });

  it('takes any Unicode white space between tokens (exports carry no-break spaces)', () => {
    assert.equal(show(ast("concat('a',\u00a0'b',\n\t'c')")), 'concat("a", "b", "c")');
  });

  describe('errors: returned at their position, never thrown', () => {
    it('an unclosed parenthesis points at the parenthesis', () => {
      const e = errorOf("concat('a', body('X')");
      assert.match(e.message, /Missing '\)' to close the call to concat/);
      assert.equal(e.offset, 6);
      assert.equal(e.at, '(');
    });

    it('an unclosed string literal covers the literal to the end', () => {
      const e = errorOf("body('Get_items)");
      assert.match(e.message, /Unclosed string literal/);
      assert.equal(e.at, "'Get_items)");
    });

    it('an unknown token is named and pointed at', () => {
      const e = errorOf("add(1, #2)");
      assert.equal(e.message, "Unexpected '#'.");
      assert.equal(e.offset, 7);
      assert.equal(e.at, '#');
    });

    it('a bare name is not a value', () => {
      const e = errorOf('equals(foo, 1)');
      assert.match(e.message, /'foo' is not a value/);
      assert.equal(e.at, 'foo');
    });

    it('text after a complete expression is reported', () => {
      const e = errorOf("body('A') body('B')");
      assert.match(e.message, /after the end of the expression/);
      assert.equal(e.offset, 10);
    });

    it('a missing separator, a trailing comma, a missing bracket, a bare ?', () => {
      assert.equal(errorOf("concat('a' 'b')").at, "'");
      assert.equal(errorOf("concat('a',)").at, ')');
      assert.deepEqual([errorOf("body('A')['x'").at, errorOf("body('A')['x'").message], ['[', "Missing ']' to close '['."]);
      assert.equal(errorOf("body('A')?").at, '?');
      assert.equal(errorOf("body('A').").at, '.');
      assert.equal(errorOf('-').at, '-');
    });

    it('an empty expression', () => {
      const e = errorOf('   ');
      assert.equal(e.message, 'The expression is empty.');
      assert.equal(e.offset, 0);
    });

    it('refuses hostile nesting without exhausting the stack', () => {
      const deep = 'a('.repeat(10_000) + ')'.repeat(10_000);
      const e = errorOf(deep);
      assert.match(e.message, new RegExp(`deeper than ${MAX_EXPRESSION_DEPTH}`));
      const fine = 'a('.repeat(50) + ')'.repeat(50);
      assert.ok(parseExpression(fine).ast);
    });
  });

  function assertInside(text: string, span: Span): void {
    assert.ok(span.offset >= 0 && span.length >= 0 && span.offset + span.length <= text.length, `span ${JSON.stringify(span)} of ${JSON.stringify(text)}`);
  }

  it('survives 5,000 random strings: no exception, no hang, spans inside the text', function () {
    this.timeout(20_000);
    const alphabet = "@{}()'[]?.,a1 ";
    let seed = 0x2545f491;
    const random = (n: number): number => {
      // xorshift: deterministic, so a failure can be replayed.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const started = performance.now();
    let parsed = 0;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const length = random(60);
      for (let k = 0; k < length; k++) text += alphabet[random(alphabet.length)];
      const result = parseExpression(text);
      if (result.ast) parsed++;
      else assertInside(text, result.error.span);
      // The same text as a string value: a whole expression, a template or a literal.
      const value = parseStringText(text);
      const embedded = value.kind === 'expression' ? [value.expression] : value.kind === 'template' ? value.expressions : [];
      for (const e of embedded) {
        assertInside(text, e.outerSpan);
        if (e.error) assertInside(text, e.error.span);
        else assert.ok(e.ast);
      }
    }
    const ms = performance.now() - started;
    console.log(`      5,000 random strings in ${ms.toFixed(0)} ms (${parsed} happened to be valid)`);
    assert.ok(ms < 10_000, 'no pathological slowdown');
  });

  it('parses 100k small expressions quickly (measured, not asserted)', () => {
    const samples = [
      "body('Get_items')?['value']",
      "items('Apply_to_each')?['ID']",
      "concat(triggerBody()?['text'], '-', string(add(variables('n'), 1)))",
      "parameters('$connections')['shared_sharepointonline']['connectionId']",
      "equals(outputs('Check')?['statusCode'], 200)",
    ];
    const started = performance.now();
    let nodes = 0;
    for (let i = 0; i < 100_000; i++) {
      const result = parseExpression(samples[i % samples.length]!);
      if (result.ast) nodes++;
    }
    const ms = performance.now() - started;
    assert.equal(nodes, 100_000);
    console.log(`      100,000 expressions parsed in ${ms.toFixed(0)} ms (${((100_000 / ms) * 1000).toFixed(0)} per second)`);
  });
});
