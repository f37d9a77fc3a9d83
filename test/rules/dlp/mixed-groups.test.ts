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
  {
    file: 'content-conversion-beside-business.json',
    why: 'Content Conversion sits between SharePoint and Dataverse; the platform never classifies it, so the unlisted connector does not make the flow mixed',
    expect: [],
  },
  {
    file: 'content-conversion-business-and-non-business.json',
    why: 'SharePoint (Business) and X/Twitter (Non-Business) still mix, with Content Conversion between them',
    expect: [{ line: 83, column: 9, action: 'Post_a_tweet', data: { policy: 'Fixture policy', business: 1, nonBusiness: 1 } }],
  },
  {
    file: 'custom-connector-not-in-workspace.json',
    why: 'a custom connector whose host is unknown gets no group under a tenant-level policy, so SharePoint beside it is not mixed',
    expect: [],
  },
  { file: 'non-business-only.json', why: 'RSS and X/Twitter are both Non-Business', expect: [] },
]);
