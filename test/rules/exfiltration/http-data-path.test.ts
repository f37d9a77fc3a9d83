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
  { file: 'loop-index-only.json', why: 'a loop over business data whose HTTP call sends only a counter', expect: [] },
  { file: 'variable-overwritten.json', why: 'the variable is overwritten with a literal before the call', expect: [] },
  { file: 'trusted-domain.json', why: 'hr-api.contoso.com is a trusted domain', config: trusted, expect: [] },
  { file: 'write-after-http.json', why: 'a business connector action after the HTTP call only writes what the call returned', expect: [] },
]);
