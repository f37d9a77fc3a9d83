import rule from '../../../rules/reliability/dangling-reference';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'renamed-action.json', why: "body('Get_item') after the action was renamed Get_items", expect: [{ line: 60, column: 35, action: 'Compose_count', data: { kind: 'action', name: 'Get_item' } }] },
  {
    file: 'undeclared-variable.json',
    why: "Increment names 'Total_amount' and a Compose reads variables('totl'); only 'total' is declared",
    expect: [
      { line: 48, column: 21, action: 'Increment_total', data: { kind: 'variable', name: 'Total_amount' } },
      { line: 59, column: 41, action: 'Compose_total', data: { kind: 'variable', name: 'totl' } },
    ],
  },
  { file: 'items-outside-loop.json', why: "items('Apply_to_each') used after the loop, outside it", expect: [{ line: 76, column: 29, action: 'Compose_last', data: { kind: 'loop', name: 'Apply_to_each' } }] },
  { file: 'run-after-missing.json', why: 'runAfter names an action that does not exist', expect: [{ line: 55, column: 13, action: 'Compose_count', data: { kind: 'runAfter', name: 'Get_invoices' } }] },
  { file: 'run-after-other-scope.json', why: 'runAfter names an action inside a scope, not beside it', expect: [{ line: 61, column: 13, action: 'Compose_count', data: { kind: 'runAfter', name: 'Get_items' } }] },
  {
    file: 'valid-references.json',
    why: 'names in another case, an outer loop from a nested loop, result() of a scope, a variable from the flow outputs',
    expect: [],
  },
]);
