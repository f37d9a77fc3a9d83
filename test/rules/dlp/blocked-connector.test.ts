import rule from '../../../rules/dlp/blocked-connector';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => policyFixture('dlp/policy.dlp.json'), [
  {
    file: 'dropbox-action.json',
    why: 'Dropbox is in the Blocked group',
    expect: [{ line: 75, column: 9, action: 'Create_file', data: { policy: 'Fixture policy', group: 'blocked' } }],
  },
  {
    file: 'nested-in-else-branch.json',
    why: 'Gmail (listed by full api id) is blocked, in a scope in the else branch of a condition',
    expect: [{ line: 98, column: 19, action: 'Send_email_(V2)', data: { policy: 'Fixture policy', group: 'blocked' } }],
  },
  {
    file: 'legacy-path-based.json',
    why: 'a one-line legacy definition whose path-based action names Dropbox through $connections',
    expect: [{ line: 1, column: 689, action: 'Create_file', data: { policy: 'Fixture policy', group: 'blocked' } }],
  },
  { file: 'allowed-connectors.json', why: 'SharePoint and Outlook are Business connectors', expect: [] },
]);
