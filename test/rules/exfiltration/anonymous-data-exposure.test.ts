import rule from '../../../rules/exfiltration/anonymous-data-exposure';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'anonymous-returns-item.json', why: 'an anonymous trigger returns a SharePoint item through Parse JSON', expect: [{ line: 77, column: 9, action: 'Response', data: { source: 'Get_item', trigger: 'manual', hops: 2 } }] },
  { file: 'tenant-returns-item.json', why: 'the trigger is restricted to the tenant', expect: [] },
  { file: 'anonymous-returns-status.json', why: 'the Response returns only a literal status', expect: [] },
]);
