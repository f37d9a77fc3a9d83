import rule from '../../../rules/error-handling/retry-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'retry-none.json', why: 'a SharePoint call with retryPolicy none', expect: [{ line: 52, column: 23, action: 'Get_items' }] },
  { file: 'retry-default.json', why: 'an exponential retry policy, and an HTTP call with the default', expect: [] },
]);
