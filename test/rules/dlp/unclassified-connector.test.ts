import rule from '../../../rules/dlp/unclassified-connector';
import { policyFixture } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => policyFixture('dlp/policy.dlp.json'), [
  {
    file: 'planner-task.json',
    why: 'Planner is not listed, so it falls into the default group; reported once for two uses',
    expect: [{ line: 59, column: 9, action: 'Create_a_task', data: { defaultGroups: 'nonBusiness' } }],
  },
  { file: 'listed-connectors.json', why: 'SharePoint and Outlook are listed as Business', expect: [] },
  {
    file: 'custom-connector-not-in-workspace.json',
    why: 'a custom connector under a tenant-level policy whose definition is not linted alongside: its group is undecided, said once, never guessed',
    expect: [{ line: 60, column: 9, action: 'Create_order', data: { undecided: 1 } }],
  },
]);
