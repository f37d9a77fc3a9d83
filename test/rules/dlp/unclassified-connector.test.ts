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
]);
