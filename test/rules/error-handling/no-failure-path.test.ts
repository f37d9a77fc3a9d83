import rule from '../../../rules/error-handling/no-failure-path';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'no-handler.json',
    why: 'two service calls and no action running after Failed or TimedOut: reported once, at "actions"',
    expect: [{ line: 45, column: 7, data: { unprotected: 2 } }],
  },
  { file: 'try-catch.json', why: 'a Catch scope runs after the Try scope fails or times out', expect: [] },
  { file: 'compute-only.json', why: 'only variables and Compose: nothing that calls a service can fail', expect: [] },
]);
