import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson, type JsonDocument } from '../../../core/artifacts/json';
import { keepAcrossEdits, reparseJson } from '../../../core/artifacts/json-reparse';
import type { Flow, Step } from '../../../core/model/types';
import { rebuildFlow } from '../../../core/workspace/flow-context';
import { random } from '../../helpers/random';

// The language server builds a large flow again at each edit from the tree the last version kept
// (core/artifacts/json-reparse.ts); the Steps of the steps no edit went through are taken over
// from the last build (core/model/steps.ts). What it builds must be what a build of the whole new
// text gives, and only the edited step and the steps holding it may be read again.

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLE = path.join(ROOT, 'samples', 'ContosoExpenses', 'src', 'Workflows', 'Expenseapproval-6E1F0C3A-9B2D-EE11-9CBE-0022480A1F31.json');

/** Everything a Step says, by value: offsets, names, the steps around it, its connector. */
function described(flow: Flow): unknown[] {
  const at = (node: { offset: number; length: number } | undefined) => (node ? [node.offset, node.length] : undefined);
  return flow.steps.map((s: Step) => ({
    kind: s.kind,
    name: s.name,
    type: s.type,
    subKind: s.subKind,
    node: at(s.node),
    nameNode: at(s.nameNode),
    inputs: at(s.inputs),
    parent: s.parent?.name,
    branch: s.branch,
    children: s.children.map((c) => c.name),
    runAfter: s.runAfter.map((r) => [r.action, r.statuses, at(r.node)]),
    connector: s.connector && { ...s.connector, at: at(s.connector.at), operationAt: at(s.connector.operationAt), custom: s.connector.custom && Object.keys(s.connector.custom) },
  }));
}

function kept(text: string): JsonDocument {
  const doc = parseJson(sourceFromText('flow.json', text));
  keepAcrossEdits(doc);
  return doc;
}

function built(doc: JsonDocument): Flow {
  const flow = rebuildFlow(doc);
  assert.ok(flow, 'a cloud flow');
  return flow;
}

/**
 * The next version `text` of a kept document, reparsed from its tree as the language server does,
 * built, and checked against a build of the whole text: what an editor shows after the edit.
 */
function edited(previous: JsonDocument, text: string): { doc: JsonDocument; flow: Flow } {
  const doc = reparseJson(previous, sourceFromText('flow.json', text));
  assert.ok(doc, 'the edit is reparsed from the kept tree');
  keepAcrossEdits(doc);
  const flow = built(doc);
  assert.deepEqual(described(flow), described(built(parseJson(sourceFromText('flow.json', text)))));
  return { doc, flow };
}

/** The text with the first occurrence of `from` after `after` replaced by `to`. */
function replaced(text: string, after: string, from: string, to: string): string {
  const at = text.indexOf(from, text.indexOf(after));
  assert.ok(at > 0, `${from} after ${after}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe('model/readSteps: steps taken over across edits of a kept tree', () => {
  const text = readFileSync(SAMPLE, 'utf8');

  it('reads again only the edited step and the steps that hold it, and builds what a whole build gives', () => {
    const first = kept(text);
    const before = built(first);
    // A value inside Get_attachment_content, four levels down: Try > Switch_on_outcome > Check_payment_method > Check_for_receipts > Apply_to_each_receipt.
    const { flow: after } = edited(first, replaced(text, '"Get_attachment_content"', '"inputs"', '"inputs" '));

    const again = new Set(['Get_attachment_content', 'Apply_to_each_receipt', 'Check_for_receipts', 'Check_payment_method', 'Switch_on_outcome', 'Try']);
    const old = new Map(before.steps.map((s) => [s.name, s]));
    for (const step of after.steps) {
      if (again.has(step.name)) assert.notEqual(step, old.get(step.name), `${step.name} is read again`);
      else assert.equal(step, old.get(step.name), `${step.name} is taken over`);
    }
    // A step taken over under a step read again hangs from the new one.
    const attach = after.steps.find((s) => s.name === 'Attach_receipt_to_reimbursement') as Step;
    assert.equal(attach.parent, after.steps.find((s) => s.name === 'Apply_to_each_receipt'));
    assert.ok(attach.parent?.children.includes(attach));
  });

  it('stays what a whole build gives over 60 random edits of values, steps renamed and steps added', () => {
    const next = random(13);
    let doc = kept(text);
    let current = text;
    built(doc);
    let reparsed = 0;
    for (let i = 0; i < 60; i++) {
      const kind = Math.floor(next() * 3);
      const names = [...current.matchAll(/"([A-Za-z_0-9()]+)": \{\s*"runAfter"/g)].map((m) => m[1] as string);
      const name = names[Math.floor(next() * names.length)] as string;
      let edited: string;
      if (kind === 0) edited = replaced(current, `"${name}"`, '"type"', '"type" ');
      else if (kind === 1) edited = replaced(current, `"${name}": {`, `"${name}"`, `"${name}${i}"`);
      else edited = replaced(current, `"${name}": {`, `"${name}": {`, `"Added_${i}": { "runAfter": {}, "type": "Compose", "inputs": "@{variables('x')}" },\n"${name}": {`);
      const source = sourceFromText('flow.json', edited);
      const again = reparseJson(doc, source);
      if (again) reparsed++;
      doc = again ?? parseJson(source);
      keepAcrossEdits(doc);
      assert.deepEqual(described(built(doc)), described(built(parseJson(sourceFromText('flow.json', edited)))), `edit ${i}`);
      current = edited;
    }
    assert.ok(reparsed > 30, `${reparsed} of 60 edits reparsed`);
  });

  it('resolves every connector again when an edit goes through the connection references, and keeps them otherwise', () => {
    const first = kept(text);
    const before = built(first);
    // The SharePoint reference now names the Excel connector: every SharePoint step's connector changes.
    const next = replaced(text, '"shared_sharepointonline": {', '"name": "shared_sharepointonline"', '"name": "shared_excelonlinebusiness"');
    const { doc, flow: after } = edited(first, next);
    const moved = after.steps.filter((s) => s.connector?.id === 'shared_excelonlinebusiness');
    assert.ok(moved.length > 0 && moved.every((s) => before.steps.includes(s)), 'steps taken over, with their connectors resolved again');
    // An edit elsewhere then keeps the connectors of the steps it leaves alone.
    const { flow: last } = edited(doc, replaced(next, '"Get_attachment_content"', '"inputs"', '"inputs" '));
    const mark = last.steps.find((s) => s.name === 'Mark_claim_approved') as Step;
    assert.equal(mark.connector, after.steps.find((s) => s.name === 'Mark_claim_approved')?.connector, 'the same connector, kept');
  });

  it('takes over nothing for a tree not kept across edits (the CLI), shared by another document, or built a second time', () => {
    const plain = parseJson(sourceFromText('flow.json', text));
    const a = built(plain);
    const b = built(plain);
    assert.ok(a.steps.every((s, i) => s !== b.steps[i]));
    const held = kept(text);
    const c = built(held);
    // The same text again, as an undo or another context gives it: the same tree, not taken over.
    const d = built({ source: sourceFromText('flow.json', text), root: held.root });
    assert.ok(c.steps.every((s, i) => s !== d.steps[i]));
    // A reparsed document built a second time: only its first build takes over.
    const { doc: reparsed, flow: once } = edited(held, replaced(text, '"Get_attachment_content"', '"inputs"', '"inputs" '));
    assert.ok(once.steps.some((s) => d.steps.includes(s)), 'its first build took over');
    const twice = built(reparsed);
    assert.ok(once.steps.every((s, i) => s !== twice.steps[i]));
  });
});
