import rule from '../../../rules/dlp/endpoint-denied';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => policyFixture('dlp/policy.dlp.json'), [
  {
    file: 'partner-endpoint.json',
    why: 'no Allow rule matches the partner host, so the final Deny * applies',
    expect: [{ line: 36, column: 20, action: 'Send_to_partner', data: { policy: 'Fixture policy', endpoint: 'https://ingest.partner-analytics.example.net/v1/events', rule: 3 } }],
  },
  { file: 'allowed-endpoints.json', why: 'a contoso.com host and Graph match the Allow rules before Deny *', expect: [] },
]);
