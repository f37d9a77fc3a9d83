import * as assert from 'node:assert/strict';
import rule from '../../../rules/secrets/secret-disclosure';
import { flowFixture, runRule } from '../../helpers/fixtures';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'key-vault-in-mail.json',
    why: 'a Key Vault secret written into the body of a mail',
    expect: [{ line: 72, column: 9, action: 'Send_an_email_(V2)', data: { source: 'Get_secret', kind: 'key-vault', place: 'message', hops: 1 } }],
  },
  {
    file: 'secure-parameter-to-sharepoint.json',
    why: 'a SecureString parameter through a Compose into a SharePoint list item',
    expect: [{ line: 46, column: 9, action: 'Create_item', data: { source: 'partnerApiKey', kind: 'secure-parameter', place: 'store', hops: 2 } }],
  },
  {
    file: 'environment-secret-in-response.json',
    why: 'a Secret environment variable returned to the Power App that called the flow',
    expect: [{ line: 72, column: 9, action: 'Respond_to_a_PowerApp_or_flow', data: { source: 'Perform_an_unbound_action', kind: 'secret-environment-variable', place: 'response', hops: 1 } }],
  },
  {
    file: 'trigger-password-to-dataverse.json',
    why: "the Power Apps trigger's Password input written into a Dataverse row",
    expect: [{ line: 63, column: 9, action: 'Add_a_new_row', data: { source: 'manual', kind: 'trigger-input', place: 'store', hops: 1 } }],
  },
  {
    file: 'secret-in-http-body.json',
    why: 'a Key Vault secret through a variable into the JSON body of an HTTP call, under no credential name',
    expect: [{ line: 76, column: 9, action: 'Notify_webhook', data: { source: 'Get_secret', kind: 'key-vault', place: 'request', hops: 2 } }],
  },
  {
    file: 'secret-in-url-query.json',
    why: 'a Key Vault secret in an ordinary query parameter of the URL',
    expect: [{ line: 59, column: 9, action: 'Ping_status_page', data: { source: 'Get_secret', kind: 'key-vault', place: 'request', hops: 1 } }],
  },
  {
    file: 'hardcoded-password-to-teams.json',
    why: 'a password written into a Compose and posted in a Teams chat',
    expect: [{ line: 45, column: 9, action: 'Post_message_in_a_chat_or_channel', data: { source: 'Compose_credentials', kind: 'hardcoded', place: 'message', hops: 1 } }],
  },
  { file: 'key-vault-as-basic-auth.json', why: 'the secret is the password of the request\'s Basic authentication', expect: [] },
  { file: 'key-vault-in-header.json', why: 'the secret is sent in a subscription key header', expect: [] },
  { file: 'token-request-body.json', why: 'the secret is the client_secret field of a token request', expect: [] },
  { file: 'functions-code-query.json', why: "a secure parameter as an Azure Functions key in the URL's code parameter", expect: [] },
  { file: 'literal-key-in-query.json', why: 'a key written into the URL as its api_key parameter, which is how that API takes it', expect: [] },
  { file: 'secret-name-in-mail.json', why: "the mail names the secret and its version, not its value", expect: [] },
  { file: 'credential-payload-via-compose.json', why: 'the secret is put under client_secret in a Compose that is the body of a token request', expect: [] },
]);

describe('secrets/secret-disclosure messages', () => {
  it('say where the secret comes from and goes, never what it is', () => {
    const [finding] = runRule(rule, flowFixture('secrets/secret-disclosure/hardcoded-password-to-teams.json'), []);
    assert.ok(finding);
    assert.match(finding.message, /The password written in 'Compose_credentials' reaches a Teams message in 'Post_message_in_a_chat_or_channel'/);
    for (const text of [finding.message, ...(finding.related ?? []).map((r) => r.message)]) assert.ok(!text.includes('Vx7#qLm2'), text);
  });

  it('list the path hop by hop, from the secret to where it is disclosed', () => {
    const [finding] = runRule(rule, flowFixture('secrets/secret-disclosure/secure-parameter-to-sharepoint.json'), []);
    assert.deepEqual(
      finding?.related?.map((r) => [r.hop, r.range.start.line + 1, r.message]),
      [
        [1, 26, "1. the secret is parameter 'partnerApiKey'"],
        [2, 44, "2. passed on by 'Compose_note'"],
        [3, 63, "3. disclosed by 'Create_item'"],
      ],
    );
  });
});
