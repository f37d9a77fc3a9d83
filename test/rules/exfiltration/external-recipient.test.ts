import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { emptyConfig } from '../../../core/config/types';
import { lintFlow } from '../../../core/engine/lint';
import { lintWorkspace } from '../../../core/engine/lint-workspace';
import { loadPaths } from '../../../core/workspace/load-paths';
import { applyEdits } from '../../../core/fixes/apply-edits';
import rule, { NEEDS_DOMAINS_NOTICE } from '../../../rules/exfiltration/external-recipient';
import { FIXTURES, ROOT, flowFixture, flowFromText, runRule } from '../../helpers/fixtures';
import { LAYOUTS, fixtureText, laidOut } from '../../helpers/fix-cases';
import { testRule } from '../../helpers/rule-tester';

// The organisation is contoso.com: organizationDomains defaults to the domains of trustedDomains.
const trusted = { trustedDomains: ['*.contoso.com'] };
const FIXTURE = 'exfiltration/external-recipient';

testRule(rule, () => [], [
  {
    file: 'bcc-literal-external.json',
    why: 'SharePoint items through an HTML table into a mail whose Bcc is a literal address outside contoso.com',
    config: trusted,
    expect: [{ line: 74, column: 9, action: 'Send_an_email_(V2)', data: { source: 'Get_items', kind: 'external', recipient: 'archive@fabrikam-mail.net', field: 'Bcc', hops: 2, sources: 1 } }],
  },
  {
    file: 'forward-to-gmail.json',
    why: 'every new mail of the mailbox forwarded to a Gmail address (the forwarded message is the content)',
    config: trusted,
    expect: [{ line: 48, column: 9, action: 'Forward_an_email_(V2)', data: { source: 'When_a_new_email_arrives_(V3)', kind: 'external', recipient: 'mailbox.backup@gmail.com', field: 'To', hops: 1, sources: 1 } }],
  },
  {
    file: 'recipient-via-variable.json',
    why: 'Dataverse rows as a CSV attachment from a shared mailbox to an address kept in a variable',
    config: trusted,
    expect: [
      { line: 91, column: 9, action: 'Send_an_email_from_a_shared_mailbox_(V2)', data: { source: 'List_rows', kind: 'external', recipient: 'orders@partner-example.com', field: 'To', hops: 2, sources: 1 } },
    ],
  },
  {
    file: 'recipient-via-compose.json',
    why: 'SMTP mail of SQL rows to the recipients a Compose lists: one internal, one outside',
    config: trusted,
    expect: [{ line: 72, column: 9, action: 'Send_Email_(V3)', data: { source: 'Get_rows_(V2)', kind: 'external', recipient: 'vendor-reports@supplier-example.org', field: 'To', hops: 1, sources: 1 } }],
  },
  {
    file: 'path-based-send.json',
    why: 'an older path-based export (ApiConnection, POST /v2/Mail) mailing each new list item outside',
    config: trusted,
    expect: [{ line: 57, column: 9, action: 'Send_an_email', data: { source: 'When_an_item_is_created', kind: 'external', recipient: 'auditor@external-audit-example.com', field: 'To', hops: 1, sources: 1 } }],
  },
  {
    file: 'environment-variable-recipient.json',
    why: 'Excel rows mailed to the address an environment variable holds: unverifiable here',
    config: trusted,
    expect: [
      {
        line: 71,
        column: 9,
        action: 'Send_an_email_(V2)',
        data: { source: 'List_rows_present_in_a_table', kind: 'unverifiable', recipient: "environment variable 'Report recipient (contoso_ReportRecipient)'", field: 'To', hops: 1, sources: 1 },
      },
    ],
  },
  {
    file: 'teams-flow-bot-external.json',
    why: 'a SharePoint item posted by the Flow bot in a chat with an outside address',
    config: trusted,
    expect: [{ line: 75, column: 9, action: 'Post_message_in_a_chat_or_channel', data: { source: 'Get_item', kind: 'external', recipient: 'consultant@fabrikam.com', field: 'Recipient', hops: 1, sources: 1 } }],
  },
  {
    file: 'teams-group-chat-created.json',
    why: 'a Dataverse row posted in a group chat that "Create a chat" made with an outside member',
    config: trusted,
    expect: [{ line: 94, column: 9, action: 'Post_message_in_a_chat_or_channel', data: { source: 'Get_row', kind: 'external', recipient: 'bob.partner@fabrikam.com', field: 'Group chat', hops: 1, sources: 1 } }],
  },
  {
    file: 'lookalike-domain.json',
    why: 'contoso.com.mail-relay-example.net only starts like contoso.com',
    config: trusted,
    expect: [{ line: 73, column: 9, action: 'Send_an_email_(V2)', data: { source: 'Get_user_profile_(V2)', kind: 'external', recipient: 'hr@contoso.com.mail-relay-example.net', field: 'To', hops: 1, sources: 1 } }],
  },
  { file: 'internal-recipients.json', why: 'every recipient is in contoso.com or a subdomain, whatever the case or display name', config: trusted, expect: [] },
  { file: 'address-from-data.json', why: "the invoice goes to the customer's own address, read from the row", config: trusted, expect: [] },
  { file: 'outside-address-no-business-data.json', why: 'an outside address, but the mail carries only literal text', config: trusted, expect: [] },
  { file: 'environment-variable-no-business-data.json', why: 'an environment variable recipient, but no business data goes with it', config: trusted, expect: [] },
  { file: 'parameter-in-condition.json', why: 'the environment variable only picks between the requester and an internal address', config: trusted, expect: [] },
  { file: 'teams-channel-post.json', why: 'a channel post names a team and channel, not people', config: trusted, expect: [] },
  {
    file: 'subsidiary-domain.json',
    why: 'organizationDomains lists the subsidiary, and replaces the domains of trustedDomains',
    config: { ...trusted, organizationDomains: ['contoso.com', 'northwind-subsidiary.com'] },
    expect: [],
  },
]);

describe('exfiltration/external-recipient without organisation domains', () => {
  it('reports nothing and says once per run that it needs organizationDomains', () => {
    const flow = flowFixture(`${FIXTURE}/bcc-literal-external.json`);
    const result = lintFlow(flow, { rules: [rule], policies: [], config: emptyConfig(ROOT) });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.notices, [{ message: NEEDS_DOMAINS_NOTICE }]);
  });

  it('says it once however many flows of the run need it', async () => {
    const ws = await loadPaths([path.join(FIXTURES, FIXTURE)], { cwd: FIXTURES });
    const result = lintWorkspace(ws, { config: emptyConfig(ROOT), policies: [], applicable: [], policyFiles: [] }, [rule]);
    assert.ok(ws.flows.length > 5);
    assert.deepEqual(result.findings, []);
    assert.equal(result.notices.filter((n) => n.message === NEEDS_DOMAINS_NOTICE).length, 1);
  });

  it('says nothing when no message carries business data to a literal address', () => {
    const flow = flowFixture(`${FIXTURE}/outside-address-no-business-data.json`);
    const result = lintFlow(flow, { rules: [rule], policies: [], config: emptyConfig(ROOT) });
    assert.deepEqual([result.findings, result.notices], [[], undefined]);
  });
});

describe('exfiltration/external-recipient fix', () => {
  const config = { ...emptyConfig(ROOT), ...trusted };
  for (const layout of LAYOUTS) {
    it(`removes the outside Bcc address, leaving the mail to its other recipients (${layout})`, () => {
      const text = laidOut(fixtureText(`${FIXTURE}/bcc-literal-external.json`), layout);
      const [finding] = runRule(rule, flowFromText(text, 'bcc.json'), [], config);
      const fix = finding?.fixes?.[0];
      assert.ok(fix);
      assert.equal(fix.safe, false, 'the flow no longer sends that person the mail');
      const fixed = applyEdits(flowFromText(text, 'bcc.json').doc.source.text, fix.edits);
      const action = JSON.parse(fixed).properties.definition.actions['Send_an_email_(V2)'];
      assert.equal(action.inputs.parameters['emailMessage/Bcc'], '');
      assert.equal(action.inputs.parameters['emailMessage/To'], 'hr@contoso.com');
      assert.deepEqual(runRule(rule, flowFromText(fixed, 'bcc.json'), [], config), []);
    });
  }

  it('offers no removal where the address is the only To or comes through a variable', () => {
    for (const file of ['forward-to-gmail.json', 'recipient-via-variable.json', 'teams-flow-bot-external.json']) {
      const [finding] = runRule(rule, flowFixture(`${FIXTURE}/${file}`), [], config);
      assert.equal(finding?.fixes, undefined, file);
    }
  });
});
