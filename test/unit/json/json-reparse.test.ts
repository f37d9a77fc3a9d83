import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson, type JsonDocument, type JsonNode } from '../../../core/artifacts/json';
import { commonPrefix, commonSuffix, editRevision, reparseJson, unchangedSince } from '../../../core/artifacts/json-reparse';
import { corpusAvailable, corpusFiles } from '../../helpers/corpus';
import { assertSameTree } from '../../helpers/json-trees';
import { random } from '../../helpers/random';

// An edit's document built from the last version's tree (core/artifacts/json-reparse.ts) must be
// the one a parse of the whole new text gives, node for node, edit after edit on the same tree;
// and where the new text does not parse, it must give nothing (the caller's parse says why).

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLE = path.join(ROOT, 'samples', 'ContosoExpenses', 'src', 'Workflows', 'Expenseapproval-6E1F0C3A-9B2D-EE11-9CBE-0022480A1F31.json');

function parsed(text: string): JsonDocument | undefined {
  try {
    return parseJson(sourceFromText('flow.json', text));
  } catch {
    return undefined;
  }
}

function strings(root: JsonNode): JsonNode[] {
  const out: JsonNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as JsonNode;
    if (node.type === 'string') out.push(node);
    for (const child of node.children ?? []) stack.push(child);
  }
  return out;
}

/** One edit a maker might make: a space, a deleted character, a stray token, a value retyped. */
function edit(text: string, doc: JsonDocument, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const kind = Math.floor(next() * 5);
  if (kind === 0) return `${text.slice(0, at)} ${text.slice(at)}`;
  if (kind === 1) return text.slice(0, at) + text.slice(at + 1);
  if (kind === 2) return text.slice(0, at) + ['"', '{', '}', ',', ':', '1', '\\', 'x', '\n'][Math.floor(next() * 9)] + text.slice(at);
  const all = strings(doc.root);
  const value = all[Math.floor(next() * all.length)] as JsonNode;
  const retyped = kind === 3 ? 'abc'.repeat(1 + Math.floor(next() * 4)) : '';
  return text.slice(0, value.offset + 1) + retyped + text.slice(value.offset + value.length - 1);
}

/** Edits `text` `count` times, each version reparsed from the last one's tree when it can be, and checked against a whole parse. */
function editAndCheck(text: string, count: number, seed: number): { reparsed: number; whole: number; invalid: number } {
  const next = random(seed);
  let doc = parsed(text) as JsonDocument;
  assert.ok(doc, 'the starting text parses');
  const tally = { reparsed: 0, whole: 0, invalid: 0 };
  for (let i = 0; i < count; i++) {
    const changed = edit(doc.source.text, doc, next);
    const expected = parsed(changed);
    const got = reparseJson(doc, sourceFromText('flow.json', changed));
    if (!expected) {
      assert.equal(got, undefined, `edit ${i}: a reparse of text that does not parse`);
      tally.invalid++;
      continue;
    }
    if (got) {
      assertSameTree(got.root, expected.root, `edit ${i}`);
      assert.equal(got.source.text, changed);
      tally.reparsed++;
      doc = got;
    } else {
      tally.whole++;
      doc = expected;
    }
  }
  return tally;
}

describe('json: an edit reparsed from the last version\'s tree', () => {
  it('the common start and end of two texts, whole chunks and the characters after them', () => {
    const a = `${'x'.repeat(10_000)}A${'y'.repeat(9_000)}`;
    const b = `${'x'.repeat(10_000)}BB${'y'.repeat(9_000)}`;
    assert.equal(commonPrefix(a, b), 10_000);
    assert.equal(commonSuffix(a, b, Math.min(a.length, b.length) - 10_000), 9_000);
    assert.equal(commonPrefix('abc', 'abc'), 3);
    // Never more than asked: the start and the end must not overlap.
    assert.equal(commonSuffix('aa', 'aaa', 0), 0);
  });

  it('a space added to a line of a sample flow: only the value around it is built again, and what follows moves', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const doc = parsed(text) as JsonDocument;
    const line = text.indexOf('\n', text.length >> 1) + 1;
    const changed = `${text.slice(0, line)} ${text.slice(line)}`;
    const got = reparseJson(doc, sourceFromText('flow.json', changed));
    assert.ok(got, 'reparsed');
    assertSameTree(got.root, (parsed(changed) as JsonDocument).root);
  });

  it('a change to the top value\'s own brackets, or text that no longer parses, gives nothing', () => {
    const doc = parsed('{"a": [1, 2], "b": "c"}') as JsonDocument;
    assert.equal(reparseJson(doc, sourceFromText('flow.json', '[{"a": [1, 2], "b": "c"}]')), undefined);
    assert.equal(reparseJson(parsed('{"a": [1, 2], "b": "c"}') as JsonDocument, sourceFromText('flow.json', '{"a": [1, 2,], "b": "c"}')), undefined);
    // Two edits apart are one change from the first to the last: here the whole top value.
    assert.equal(reparseJson(parsed('{"a": [1, 2], "b": "c"}') as JsonDocument, sourceFromText('flow.json', '{"a": [1, 22], "b": "cd"}')), undefined);
    const ok = reparseJson(parsed('{"a": [1, 2], "b": "c"}') as JsonDocument, sourceFromText('flow.json', '{"a": [1, 22], "b": "c"}'));
    assert.ok(ok);
    assertSameTree(ok.root, (parsed('{"a": [1, 22], "b": "c"}') as JsonDocument).root);
  });

  it('a key retyped: the object that holds it is built again, so its property has the new name', () => {
    const before = '{"actions": {"Get_items": {"type": "OpenApiConnection"}, "Send": {"type": "Http"}}}';
    const after = before.replace('"Send"', '"Send_it"');
    const got = reparseJson(parsed(before) as JsonDocument, sourceFromText('flow.json', after));
    assert.ok(got);
    assertSameTree(got.root, (parsed(after) as JsonDocument).root);
  });

  it('says which nodes an edit went through: the holders of the value built again, not their other members', () => {
    const before = '{"a": {"x": "1", "y": "2"}, "b": {"z": "3"}}';
    const doc = parsed(before) as JsonDocument;
    const [a, b] = (doc.root.children ?? []).map((p) => p.children?.[1] as JsonNode);
    const since = editRevision();
    assert.ok(reparseJson(doc, sourceFromText('flow.json', before.replace('"1"', '"one"'))));
    assert.equal(unchangedSince(doc.root, since), false, 'the top value holds the edit');
    assert.equal(unchangedSince(a as JsonNode, since), false, '"a" holds the edit');
    assert.equal(unchangedSince(b as JsonNode, since), true, '"b" only moved');
    assert.equal((b as JsonNode).offset, before.indexOf('{"z"') + 2, 'and it moved by the edit');
  });

  it('400 random edits of a sample flow, each from the tree the last one left', () => {
    const tally = editAndCheck(readFileSync(SAMPLE, 'utf8'), 400, 7);
    assert.ok(tally.reparsed > 100, `most edits reparsed: ${JSON.stringify(tally)}`);
    assert.ok(tally.invalid > 0, `some edits broke the JSON: ${JSON.stringify(tally)}`);
  });

  it('random edits of the corpus\'s largest flows, each from the tree the last one left', function () {
    if (!corpusAvailable()) {
      console.log('      (skipped: no ../shared/corpus; the sample flow above still runs)');
      this.skip();
    }
    const flows = corpusFiles((name) => name.endsWith('.json'))
      .map((file) => ({ file, text: readFileSync(file, 'utf8').replace(/^\uFEFF/, '') }))
      .filter((f) => parsed(f.text) !== undefined)
      .sort((a, b) => b.text.length - a.text.length)
      .slice(0, 4);
    flows.forEach((f, i) => {
      const tally = editAndCheck(f.text, 40, 100 + i);
      assert.ok(tally.reparsed > 0, `${path.basename(f.file)}: ${JSON.stringify(tally)}`);
    });
  });
});
