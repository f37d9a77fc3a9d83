import rule from '../../../rules/dlp/endpoint-unverifiable';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => policyFixture('dlp/policy.dlp.json'), [
  {
    file: 'expression-endpoint.json',
    why: 'the URI is built from an environment variable, which endpoint filtering does not check',
    expect: [{ line: 43, column: 20, action: 'Send_receipts', data: { policy: 'Fixture policy' } }],
  },
  { file: 'literal-endpoint.json', why: 'a literal URI is checked by endpoint-denied instead', expect: [] },
]);
