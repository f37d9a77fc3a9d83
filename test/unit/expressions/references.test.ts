import * as assert from 'node:assert/strict';
import { parseExpression } from '../../../core/expressions/parser';
import { references, type Reference } from '../../../core/expressions/references';
import type { Span } from '../../../core/text/range';

function refs(text: string): Reference[] {
  const result = parseExpression(text);
  assert.ok(result.ast, `expected ${text} to parse, got ${result.error?.message}`);
  return references(result.ast);
}

function one(text: string): Reference {
  const found = refs(text);
  assert.equal(found.length, 1, `one reference in ${text}, got ${found.map((r) => r.kind).join(', ')}`);
  return found[0]!;
}

function slice(text: string, span: Span): string {
  return text.slice(span.offset, span.offset + span.length);
}

describe('expressions/references', () => {
  for (const fn of ['body', 'outputs', 'actions', 'result', 'actionBody', 'actionOutputs'] as const) {
    it(`${fn}('X') names action X`, () => {
      const text = `${fn}('Get_items')`;
      const r = one(text);
      assert.ok(r.kind === 'action');
      assert.equal(r.fn, fn);
      assert.equal(r.name, 'Get_items');
      assert.equal(slice(text, r.span), "'Get_items'");
      assert.equal(slice(text, r.callSpan), text);
    });
  }

  for (const fn of ['triggerBody', 'triggerOutputs', 'trigger', 'triggerFormDataValue', 'triggerFormDataMultiValues', 'triggerMultipartBody'] as const) {
    it(`${fn}(...) reads the trigger`, () => {
      const text = fn.startsWith('triggerFormData') ? `${fn}('field')` : fn === 'triggerMultipartBody' ? `${fn}(0)` : `${fn}()`;
      const r = one(text);
      assert.ok(r.kind === 'trigger');
      assert.equal(r.fn, fn);
      assert.equal(slice(text, r.span), text);
    });
  }

  it("items('Loop') and iterationIndexes('Until') name a loop; item() is the current item", () => {
    const text = "concat(items('Apply_to_each')?['ID'], iterationIndexes('Do_until'), item()?['Title'])";
    const [items, indexes, item] = refs(text);
    assert.ok(items?.kind === 'loop' && items.fn === 'items' && items.name === 'Apply_to_each');
    assert.deepEqual(items.path, ['ID']);
    assert.equal(slice(text, items.span), "'Apply_to_each'");
    assert.ok(indexes?.kind === 'loop' && indexes.fn === 'iterationIndexes' && indexes.name === 'Do_until');
    assert.ok(item?.kind === 'item');
    assert.equal(slice(text, item.span), 'item()');
    assert.deepEqual(item.path, ['Title']);
    assert.equal(slice(text, item.accessSpan), "item()?['Title']");
  });

  it("variables('x') and parameters('x'), including $connections and environment variables", () => {
    const v = one("variables('Counter')");
    assert.ok(v.kind === 'variable' && v.name === 'Counter');
    const text = "parameters('$connections')['shared_sharepointonline']['connectionId']";
    const c = one(text);
    assert.ok(c.kind === 'parameter' && c.name === '$connections');
    assert.deepEqual(c.path, ['shared_sharepointonline', 'connectionId']);
    assert.equal(slice(text, c.accessSpan), text);
    const a = one("parameters('$authentication')");
    assert.ok(a.kind === 'parameter' && a.name === '$authentication');
    const env = one("parameters('Admin eMail (admin_AdminMail)')");
    assert.ok(env.kind === 'parameter' && env.name === 'Admin eMail (admin_AdminMail)');
  });

  it('matches function names without regard to case, reporting the canonical name', () => {
    const [body, trigger, items] = refs("concat(BODY('A'), TriggerBody(), Items('L'))");
    assert.ok(body?.kind === 'action' && body.fn === 'body');
    assert.ok(trigger?.kind === 'trigger' && trigger.fn === 'triggerBody');
    assert.ok(items?.kind === 'loop' && items.fn === 'items');
  });

  it('a computed name is a dynamic reference, and what computes it is still found', () => {
    const text = "body(variables('which'))?['value']";
    const [dynamic, variable] = refs(text);
    assert.ok(dynamic?.kind === 'dynamic' && dynamic.fn === 'body');
    assert.equal(slice(text, dynamic.span), "variables('which')");
    assert.ok(variable?.kind === 'variable' && variable.name === 'which');
    const none = one('outputs()');
    assert.ok(none.kind === 'dynamic' && none.fn === 'outputs');
    assert.ok(one("variables(concat('a', 'b'))").kind === 'dynamic');
  });

  it('records the literal accessor path, through indexers, ?[...], members and numbers', () => {
    const r = one("body('Get_items')?['value'][0].Title");
    assert.ok(r.kind === 'action');
    assert.deepEqual(r.path, ['value', 0, 'Title']);
    assert.equal(r.pathComplete, true);
    const designer = one("outputs('Get_item')?['body/Title']");
    assert.ok(designer.kind === 'action' && designer.fn === 'outputs');
    assert.deepEqual(designer.path, ['body/Title']);
    const member = one('trigger().outputs?.body?.name');
    assert.ok(member.kind === 'trigger');
    assert.deepEqual(member.path, ['outputs', 'body', 'name']);
  });

  it('stops the path at a computed index and says so', () => {
    const text = "body('A')?['rows'][variables('i')]['name']";
    const [action, variable] = refs(text);
    assert.ok(action?.kind === 'action');
    assert.deepEqual(action.path, ['rows']);
    assert.equal(action.pathComplete, false);
    assert.equal(slice(text, action.accessSpan), "body('A')?['rows']");
    assert.ok(variable?.kind === 'variable');
  });

  it('finds references at any depth, in source order', () => {
    const text =
      "if(equals(triggerOutputs()?['body/status'], 'x'), json(decodeBase64(triggerOutputs().headers['X-MS-APIM-Tokens']))['$connections']['shared_x']['connectionId'], coalesce(body('B')?[items('L')?['k']], parameters('p')))";
    assert.deepEqual(
      refs(text).map((r) => `${r.kind}:${'name' in r ? r.name : r.fn}`),
      ['trigger:triggerOutputs', 'trigger:triggerOutputs', 'action:B', 'loop:L', 'parameter:p'],
    );
    const [first, second] = refs(text);
    assert.ok(first?.kind === 'trigger' && second?.kind === 'trigger');
    assert.deepEqual(first.path, ['body/status']);
    assert.deepEqual(second.path, ['headers', 'X-MS-APIM-Tokens']);
  });

  it('ignores functions that read nothing from the run', () => {
    assert.deepEqual(refs("concat(utcNow(), guid(), workflow()?['tags'], 'body(''X'')')"), []);
  });
});
