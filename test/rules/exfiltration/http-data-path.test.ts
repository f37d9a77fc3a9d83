import rule from '../../../rules/exfiltration/http-data-path';
import { testRule } from '../../helpers/rule-tester';

const trusted = { trustedDomains: ['*.contoso.com'] };

testRule(rule, () => [], [
  { file: 'compose-to-http.json', why: 'SharePoint items through a Compose into an HTTP POST', expect: [{ line: 64, column: 9, action: 'Send_to_collector', data: { source: 'Get_items', host: 'collector.example.net', hops: 2 } }] },
  { file: 'loop-items-in-scope.json', why: "SQL rows through items('For_each_row') in the else branch of a condition in a loop in a scope", expect: [{ line: 79, column: 23, action: 'Post_row', data: { source: 'Get_rows', host: 'collector.example.net', hops: 2 } }] },
  {
    file: 'variable-select-join.json',
    why: 'Dataverse rows through Select, Join and a variable into an HTTP call in a switch case',
    expect: [{ line: 106, column: 17, action: 'Upload_list', data: { source: 'List_rows', host: 'lists.example.org', hops: 4 } }],
  },
  { file: 'host-from-expression.json', why: 'the host comes from the request, so it cannot be checked', expect: [{ line: 53, column: 9, action: 'Send_to_configured_host', data: { source: 'Get_items', host: '', hops: 1 } }] },
  { file: 'literals-only.json', why: 'the HTTP call sends only literals', expect: [] },
  {
    file: 'custom-connector-untrusted-host',
    why: 'SharePoint items sent through a custom connector whose definition names a host outside trustedDomains',
    config: trusted,
    expect: [{ line: 63, column: 9, action: 'Send_orders_to_partner', data: { source: 'Get_orders', host: 'orders.partner-example.net', hops: 1 } }],
  },
  { file: 'custom-connector-trusted-host', why: 'the same through a custom connector whose host is in trustedDomains', config: trusted, expect: [] },
  { file: 'loop-index-only.json', why: 'a loop over business data whose HTTP call sends only a counter', expect: [] },
  { file: 'variable-overwritten.json', why: 'the variable is overwritten with a literal before the call', expect: [] },
  { file: 'trusted-domain.json', why: 'hr-api.contoso.com is a trusted domain', config: trusted, expect: [] },
  {
    file: 'loop-item-compose.json',
    why: "SharePoint rows through item() in a Compose inside the loop, as items('Apply_to_each') would carry them",
    expect: [{ line: 70, column: 13, action: 'Send_record', data: { source: 'Get_items', host: 'collector.example.net', hops: 3 } }],
  },
  { file: 'select-own-item.json', why: "item() in a Select's map is the Select's own from (the request's lines), not the loop's row", expect: [] },
  {
    file: 'html-to-text.json',
    why: 'a SharePoint item through Content Conversion Html to text, which returns what it is given',
    expect: [{ line: 82, column: 9, action: 'Send_summary', data: { source: 'Get_item', host: 'collector.example.net', hops: 2 } }],
  },
  { file: 'html-to-text-of-literal.json', why: 'Html to text of a literal carries no business data', expect: [] },
  {
    file: 'userinfo-disguised-host.json',
    why: 'hr-api.contoso.com before the @ is user info: the request goes to collector.example.net',
    config: trusted,
    expect: [{ line: 53, column: 9, action: 'Send_to_hr_api', data: { source: 'Get_items', host: 'collector.example.net', hops: 1 } }],
  },
  { file: 'userinfo-trusted-host.json', why: 'user info before a trusted host does not hide it: the host is hr-api.contoso.com', config: trusted, expect: [] },
  {
    file: 'backslash-host.json',
    why: 'a backslash where parsers disagree on the host: never trusted, host unknown',
    config: trusted,
    expect: [{ line: 53, column: 9, action: 'Send_to_hr_api', data: { source: 'Get_items', host: '', hops: 1 } }],
  },
  { file: 'write-after-http.json', why: 'a business connector action after the HTTP call only writes what the call returned', expect: [] },
  {
    file: 'child-flow-sends-input',
    workspace: true,
    why: "SharePoint items passed to a child flow's input 'text', which posts it; its literal input 'text_1' reaches another call quietly",
    expect: [{ file: 'HELPERPosttocollector-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json', line: 59, column: 9, action: 'Send_to_collector', data: { source: 'Get_items', host: 'collector.example.net', hops: 2 } }],
  },
  {
    file: 'child-flow-returns-rows',
    workspace: true,
    why: "a child flow returns Dataverse rows in output 'rows', which the parent posts; its literal output 'status' is sent quietly",
    expect: [{ file: 'Publishaccountlist-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json', line: 59, column: 9, action: 'Send_accounts', data: { source: 'List_rows', host: 'partner.example.org', hops: 1 } }],
  },
  {
    file: 'child-flow-two-levels',
    workspace: true,
    why: 'SharePoint items passed through a child flow to its own child, which posts them',
    expect: [{ file: 'HELPERSendinvoices-6C9E4032-3B1D-EE11-9CBE-0022480A1F31.json', line: 44, column: 9, action: 'Post_invoices', data: { source: 'Get_items', host: 'collector.example.net', hops: 1 } }],
  },
  { file: 'child-flow-no-business-data', workspace: true, why: 'the parent passes only its own manual input and a literal to the child that posts them', expect: [] },
]);
