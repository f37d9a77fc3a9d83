import rule from '../../../rules/exfiltration/external-connector-data-path';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'outlook-to-gmail.json', why: 'no policy: Outlook mail forwarded to Gmail, a consumer service', expect: [{ line: 54, column: 9, action: 'Forward_to_personal_mail', data: { source: 'When_a_new_email_arrives_(V3)', group: 'consumer', hops: 1 } }] },
  { file: 'dataverse-to-dropbox.json', why: 'no policy: Dataverse rows as a CSV table into Dropbox', expect: [{ line: 73, column: 9, action: 'Create_file', data: { source: 'List_rows', group: 'consumer', hops: 2 } }] },
  {
    file: 'sharepoint-to-twitter-under-policy.json',
    why: 'SharePoint is Business and X/Twitter Non-Business under the policy',
    policies: () => policyFixture('dlp/policy.dlp.json'),
    expect: [{ line: 62, column: 9, action: 'Post_a_tweet', data: { source: 'Get_items', group: 'nonBusiness', hops: 1 } }],
  },
  { file: 'business-to-business.json', why: 'SharePoint to Teams stays among business connectors', expect: [] },
  { file: 'consumer-only.json', why: 'an RSS feed posted to X: no business data involved', expect: [] },
  {
    file: 'child-flow-to-dropbox',
    workspace: true,
    why: 'no policy: SharePoint items passed to a child flow that saves them to Dropbox',
    expect: [{ file: 'HELPERSavetoDropbox-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json', line: 54, column: 9, action: 'Create_file', data: { source: 'Get_items', group: 'consumer', hops: 1 } }],
  },
]);
