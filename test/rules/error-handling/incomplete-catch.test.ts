import rule from '../../../rules/error-handling/incomplete-catch';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'failed-only.json',
    why: 'the Catch scope runs after Try has Failed but not TimedOut',
    expect: [{ line: 61, column: 13, action: 'Catch', data: { guarded: 'Try' } }],
  },
  { file: 'failed-and-timed-out.json', why: 'the Catch scope runs after Failed, Skipped and TimedOut', expect: [] },
  {
    file: 'after-variable-and-http.json',
    why: 'the handler runs after a variable and an HTTP call have failed: only the HTTP call can time out',
    expect: [{ line: 67, column: 13, action: 'Report_failed', data: { guarded: 'Get_count' } }],
  },
  { file: 'after-variables-only.json', why: 'handlers after a Compose and a Set variable, which never time out', expect: [] },
]);
