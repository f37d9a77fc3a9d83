import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import type { Flow } from '../../../core/model/types';
import { flowOutline, type OutlineNode } from '../../../core/protocol/outline';
import type { Range } from '../../../core/text/range';
import { rebuildFlow } from '../../../core/workspace/flow-context';
import { ROOT } from '../../helpers/fixtures';

const EXPENSES = path.join(ROOT, 'samples', 'ContosoExpenses', 'src', 'Workflows', 'Expenseapproval-6E1F0C3A-9B2D-EE11-9CBE-0022480A1F31.json');

function sampleFlow(): Flow {
  const flow = rebuildFlow(parseJson(decodeText('Expenseapproval.json', new Uint8Array(readFileSync(EXPENSES)))));
  assert.ok(flow);
  return flow;
}

/** name (kind): children, as an indented list, so a failure shows the whole tree. */
function shape(nodes: OutlineNode[], indent = ''): string[] {
  return nodes.flatMap((n) => [`${indent}${n.name} (${n.kind})`, ...shape(n.children, `${indent}  `)]);
}

function inside(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function all(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}

describe('protocol/outline', () => {
  const flow = sampleFlow();
  const outline = flowOutline(flow);

  it('is the tree the designer shows: trigger, scopes, condition branches, switch cases, loops', () => {
    assert.deepEqual(shape(outline), [
      'When_an_expense_claim_is_created (trigger)',
      'Initialize_ApprovalOutcome (action)',
      'Try (scope)',
      '  Get_manager_(V2) (action)',
      '  Check_amount_against_limit (condition)',
      '    True (branch)',
      '      Start_finance_approval (action)',
      '      Set_outcome_from_finance (action)',
      '    False (branch)',
      '      Start_manager_approval (action)',
      '      Set_outcome_from_manager (action)',
      '  Switch_on_outcome (switch)',
      '    Case Approved (branch)',
      '      Mark_claim_approved (action)',
      '      Check_payment_method (condition)',
      '        True (branch)',
      '          Add_card_reconciliation_row (action)',
      '        False (branch)',
      '          Add_reimbursement_row (action)',
      '          Check_for_receipts (condition)',
      '            True (branch)',
      '              Get_attachments (action)',
      '              Apply_to_each_receipt (loop)',
      '                Get_attachment_content (action)',
      '                Attach_receipt_to_reimbursement (action)',
      '            False (branch)',
      '              Ask_for_receipts (action)',
      '    Case Rejected (branch)',
      '      Mark_claim_rejected (action)',
      '      Tell_submitter_it_was_rejected (action)',
      '    Default (branch)',
      'Catch (scope)',
      '  Filter_failed_actions (action)',
      '  Notify_finance_operations (action)',
      '  Terminate_as_failed (action)',
    ]);
  });

  it('selects the name key, inside a range that runs to the end of the step', () => {
    const lines = flow.doc.source.text.split(/\r?\n/);
    const step = all(outline).find((n) => n.name === 'Apply_to_each_receipt')!;
    const line = lines.findIndex((l) => l.includes('"Apply_to_each_receipt": {'));
    assert.deepEqual(step.selectionRange.start, { line, character: lines[line]!.indexOf('"Apply_to_each_receipt"') });
    assert.equal(step.range.start.line, line);
    assert.ok(step.range.end.line > line + 10, 'the range covers the loop body');
    for (const node of all(outline)) {
      assert.ok(inside(node.selectionRange, node.range), `${node.name}: selection inside range`);
      for (const child of node.children) assert.ok(inside(child.range, node.range), `${child.name} inside ${node.name}`);
    }
  });

  it('gives each step its workflow type as detail', () => {
    assert.equal(all(outline).find((n) => n.name === 'Try')?.detail, 'Scope');
    assert.equal(all(outline).find((n) => n.name === 'Get_manager_(V2)')?.detail, 'OpenApiConnection');
    assert.equal(all(outline).find((n) => n.name === 'True')?.detail, undefined);
  });
});
