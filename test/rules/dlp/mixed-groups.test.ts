import rule from '../../../rules/dlp/mixed-groups';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => policyFixture('dlp/policy.dlp.json'), [
  {
    file: 'sharepoint-and-twitter.json',
    why: 'SharePoint (Business) items are posted to X/Twitter (Non-Business) from inside a loop',
    expect: [{ line: 66, column: 13, action: 'Post_a_tweet', data: { policy: 'Fixture policy', business: 1, nonBusiness: 1 } }],
  },
  { file: 'business-only.json', why: 'SharePoint and Dataverse are both Business', expect: [] },
  { file: 'non-business-only.json', why: 'RSS and X/Twitter are both Non-Business', expect: [] },
]);
