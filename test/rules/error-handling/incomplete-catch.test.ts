import rule from '../../../rules/error-handling/incomplete-catch';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'failed-only.json',
    why: 'the Catch scope runs after Try has Failed but not TimedOut',
    expect: [{ line: 61, column: 13, action: 'Catch', data: { guarded: 'Try' } }],
  },
  { file: 'failed-and-timed-out.json', why: 'the Catch scope runs after Failed, Skipped and TimedOut', expect: [] },
]);
