import rule from '../../../rules/dlp/blocked-action';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => policyFixture('dlp/policy.dlp.json'), [
  {
    file: 'sql-native-query.json',
    why: "the policy's action rules block SQL Server's native query operation",
    expect: [{ line: 47, column: 30, action: 'Execute_a_SQL_query_(V2)', data: { policy: 'Fixture policy', operation: 'ExecutePassThroughNativeQuery_V2' } }],
  },
  { file: 'sql-get-rows.json', why: 'Get rows is not blocked, and unlisted operations stay allowed', expect: [] },
]);
