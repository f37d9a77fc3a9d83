import rule from '../../../rules/reliability/trigger-loop';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'sharepoint-update-same-list.json',
    why: '"created or modified" trigger on Invoices, and the flow updates Invoices',
    expect: [{ line: 50, column: 9, action: 'Update_item', data: { trigger: 'When_an_item_is_created_or_modified' } }],
  },
  {
    file: 'dataverse-update-same-table.json',
    why: 'update trigger on contoso_invoice, and an update of contoso_invoices inside a condition',
    expect: [{ line: 56, column: 13, action: 'Update_a_row', data: { trigger: 'When_a_row_is_added,_modified_or_deleted' } }],
  },
  { file: 'sharepoint-with-condition.json', why: "a trigger condition ignores the flow's own edits", expect: [] },
  { file: 'sharepoint-other-list.json', why: 'the flow updates another list', expect: [] },
  {
    file: 'sharepoint-parameters-same-list.json',
    why: 'trigger and update name the site and list through the same environment variables',
    expect: [{ line: 66, column: 9, action: 'Update_item', data: { trigger: 'When_an_item_is_created_or_modified' } }],
  },
  {
    file: 'sharepoint-parameters-other-list.json',
    why: "another environment variable's list, and a site taken from the trigger's item, are not known to be the watched list",
    expect: [],
  },
  { file: 'sharepoint-created-then-updated.json', why: 'an update does not fire a "when an item is created" trigger', expect: [] },
  { file: 'dataverse-filtering-attributes.json', why: 'filtering attributes limit the trigger to another column', expect: [] },
]);
