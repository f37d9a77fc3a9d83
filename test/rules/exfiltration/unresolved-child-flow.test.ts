import rule from '../../../rules/exfiltration/unresolved-child-flow';
import { testRule } from '../../helpers/rule-tester';

const CHILD = '5b8d3f21-3b1d-ee11-9cbe-0022480a1f31';

testRule(rule, () => [], [
  { file: 'calls-missing-child.json', why: 'the flow is linted without the child flow it runs', expect: [{ line: 52, column: 40, action: 'Run_a_Child_Flow', data: { workflowId: CHILD, businessData: false } }] },
  {
    file: 'passes-items-to-missing-child.json',
    why: 'SharePoint items are passed to a child flow that is not among the linted files',
    expect: [{ line: 68, column: 40, action: 'Run_a_Child_Flow', data: { workflowId: CHILD, businessData: true } }],
  },
  { file: 'no-child-flow.json', why: 'the flow runs no child flow', expect: [] },
  { file: 'child-in-solution', workspace: true, why: 'the child flow is in the same solution', expect: [] },
]);
