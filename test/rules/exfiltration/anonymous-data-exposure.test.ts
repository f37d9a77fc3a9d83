import rule from '../../../rules/exfiltration/anonymous-data-exposure';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'anonymous-returns-item.json', why: 'an anonymous trigger returns a SharePoint item through Parse JSON', expect: [{ line: 77, column: 9, action: 'Response', data: { source: 'Get_item', trigger: 'manual', hops: 2 } }] },
  { file: 'tenant-returns-item.json', why: 'the trigger is restricted to the tenant', expect: [] },
  { file: 'anonymous-returns-status.json', why: 'the Response returns only a literal status', expect: [] },
  {
    file: 'graph-users-returned.json',
    why: 'the tenant directory read with HTTP with Microsoft Entra ID (GET graph.microsoft.com/v1.0/users) returned to anyone',
    expect: [{ line: 55, column: 9, action: 'Response', data: { source: 'List_users', trigger: 'manual', hops: 1 } }],
  },
  { file: 'public-rates-returned.json', why: "a public exchange-rate API's answer is not business data", expect: [] },
  {
    file: 'child-flow-returns-to-anonymous',
    workspace: true,
    why: 'a trigger anyone can call answers with the Dataverse rows a child flow returns',
    expect: [{ file: 'AccountlookupAPI-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json', line: 51, column: 9, action: 'Response', data: { source: 'List_rows', trigger: 'manual', hops: 1 } }],
  },
]);
