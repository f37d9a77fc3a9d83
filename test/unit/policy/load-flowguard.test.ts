import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { sourceFromText } from '../../../core/artifacts/decode';
import { PolicyError } from '../../../core/policy/errors';
import { loadPolicies } from '../../../core/policy/load';

const load = (text: string, file = 'contoso.dlp.json') => loadPolicies(sourceFromText(file, text));

/** Asserts the load fails with exactly `expected` (file:line:col: problem). */
function fails(text: string, expected: string, file = 'contoso.dlp.json'): void {
  assert.throws(() => load(text, file), (e: unknown) => {
    assert.ok(e instanceof PolicyError, String(e));
    assert.equal(e.message, expected);
    return true;
  });
}

const EXAMPLE = `{
  "$schema": "https://flowguard.dev/schemas/dlp-policy.schema.json",
  "name": "Contoso baseline",
  "default": "nonBusiness",
  "business": ["shared_sharepointonline", "/providers/Microsoft.PowerApps/apis/shared_office365", "shared_sql"],
  "nonBusiness": ["shared_twitter"],
  "blocked": [
    "Http",
    "shared_dropbox"
  ],
  "environments": { "only": ["Production"] },
  "actions": {
    "shared_sql": { "block": ["ExecutePassThroughNativeQuery_V2"] },
    "shared_office365": { "allow": ["SendEmailV2", "GetEmails_V3"] }
  },
  "endpoints": {
    "Http": [
      { "allow": "https://*.contoso.com/*" },
      { "deny": "*" }
    ]
  }
}`;

describe('policy/load: FlowGuard format', () => {
  it('maps every part of the format onto the model', () => {
    const [policy] = load(EXAMPLE);
    assert.ok(policy);
    assert.equal(policy.format, 'flowguard');
    assert.equal(policy.name, 'Contoso baseline');
    assert.equal(policy.displayName, 'Contoso baseline');
    assert.equal(policy.defaultGroup, 'nonBusiness');
    assert.deepEqual(
      [...policy.connectors.values()].map((c) => [c.id, c.group]),
      [
        ['shared_sharepointonline', 'business'],
        ['shared_office365', 'business'],
        ['shared_sql', 'business'],
        ['shared_twitter', 'nonBusiness'],
        ['http', 'blocked'],
        ['shared_dropbox', 'blocked'],
      ],
    );
    assert.deepEqual(policy.scope, { type: 'only', environments: [{ name: 'Production' }] });
    const sql = policy.actionRules.get('shared_sql');
    assert.equal(sql?.defaultBehavior, 'allow');
    assert.deepEqual(sql?.rules.map((r) => [r.actionId, r.behavior]), [['ExecutePassThroughNativeQuery_V2', 'block']]);
    const outlook = policy.actionRules.get('shared_office365');
    assert.equal(outlook?.defaultBehavior, 'block', '"allow" blocks every other operation');
    assert.deepEqual(outlook?.rules.map((r) => r.behavior), ['allow', 'allow']);
    assert.deepEqual(policy.endpointRules.get('http')?.rules.map((r) => [r.order, r.behavior, r.endpoint]), [
      [1, 'allow', 'https://*.contoso.com/*'],
      [2, 'deny', '*'],
    ]);
    assert.equal(policy.warnings, undefined);
  });

  it('points at the string that lists a connector and at each rule', () => {
    const [policy] = load(EXAMPLE);
    assert.ok(policy);
    assert.deepEqual(policy.connectors.get('shared_dropbox')?.at.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 20 } });
    assert.equal(policy.connectors.get('shared_twitter')?.at.range.start.line, 5);
    assert.equal(policy.actionRules.get('shared_sql')?.rules[0]?.at.range.start.line, 12);
    assert.equal(policy.actionRules.get('shared_office365')?.at.range.start.line, 13);
    assert.equal(policy.endpointRules.get('http')?.rules[1]?.at.range.start.line, 18);
  });

  it('is recognised by its group arrays without $schema, and named after its file', () => {
    const [policy] = load('{"blocked": ["shared_dropbox"]}', 'policies/strict.dlp.json');
    assert.equal(policy?.name, 'strict');
    assert.equal(policy?.defaultGroup, 'nonBusiness');
    assert.deepEqual(policy?.scope, { type: 'all' });
  });

  it('reports schema errors at the offending node with file:line:col', () => {
    fails('{\n  "business": [],\n  "default": "group"\n}', 'contoso.dlp.json:3:14: "default" must be one of business, nonBusiness, blocked');
    fails('{\n  "business": ["shared_sql"],\n  "blockd": []\n}', 'contoso.dlp.json:3:3: unknown property "blockd" in the policy; expected name, description, default, business, nonBusiness, blocked, environments, actions, endpoints');
    fails('{"business": ["shared_sql", 7]}', 'contoso.dlp.json:1:29: "business[1]" must be a string');
    fails('{"business": ["shared sql"]}', 'contoso.dlp.json:1:15: "business[0]" must be a connector name without spaces');
    fails('{"business": [],\n "environments": {"except": [""]}}', 'contoso.dlp.json:2:30: "environments.except[0]" must not be empty');
    fails('{"business": [],\n "environments": {"only": ["A"], "except": ["B"]}}', 'contoso.dlp.json:2:18: "environments" takes exactly one of "only" or "except"');
    fails('{"business": [],\n "environments": {"only": []}}', 'contoso.dlp.json:2:27: "environments.only" must list at least one entry');
    fails('{"business": [],\n "actions": {"shared_sql": {}}}', 'contoso.dlp.json:2:28: "actions.shared_sql" takes exactly one of "block" or "allow"');
    fails('{"business": [],\n "actions": {"shared sql": {"block": ["X"]}}}', 'contoso.dlp.json:2:14: "shared sql" in "actions" is not a connector name (names have no spaces)');
    fails('{"business": [],\n "actions": {"shared_sql": {"blocked": ["X"]}}}', 'contoso.dlp.json:2:29: unknown property "blocked" in "actions.shared_sql"; expected "block" or "allow"');
    fails('{"business": [],\n "endpoints": {"http": [{"allow": "a", "deny": "*"}]}}', 'contoso.dlp.json:2:25: "endpoints.http[0]" takes exactly one of "allow" or "deny"');
  });

  it('checks a policy that names the schema even when it looks like another format', () => {
    fails('{"$schema": "https://flowguard.dev/schemas/dlp-policy.schema.json",\n "connectorGroups": []}', 'contoso.dlp.json:2:2: unknown property "connectorGroups" in the policy; expected name, description, default, business, nonBusiness, blocked, environments, actions, endpoints');
  });

  it('rejects a connector listed twice, pointing at the second listing', () => {
    fails('{\n  "business": ["shared_sql"],\n  "blocked": ["Shared_SQL"]\n}', 'contoso.dlp.json:3:15: connector "Shared_SQL" is already listed in Business (line 2)');
    fails('{"business": [], "actions": {"shared_sql": {"block": ["A"]}, "SHARED_SQL": {"block": ["B"]}}}', 'contoso.dlp.json:1:62: action rules for "SHARED_SQL" are given twice');
  });

  it('warns about endpoint lists the platform would not accept as written', () => {
    const [policy] = load('{"business": [], "endpoints": {"http": [{"allow": "contoso.com"}]}}');
    assert.deepEqual(policy?.warnings?.map((w) => w.message), [
      'endpoint rules for "http" should end with a "*" rule (the platform requires one); endpoints no rule matches are treated as allowed',
      'endpoint pattern "contoso.com" has no scheme; patterns match the whole URL, so write "https://contoso.com/*" to cover that host',
    ]);
  });

  it('ships a draft-07 schema with its $id and a description on every property', () => {
    const file = path.resolve(__dirname, '../../../../schemas/dlp-policy.schema.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $id: string; $schema: string; definitions: { flowguardPolicy: { properties: Record<string, { description?: string }> } } };
    assert.equal(schema.$id, 'https://flowguard.dev/schemas/dlp-policy.schema.json');
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    // The short format's properties; tenant exports are accepted as they are (test/unit/policy/dlp-schema-shapes.test.ts).
    for (const [key, value] of Object.entries(schema.definitions.flowguardPolicy.properties)) assert.ok(value.description, `${key} has a description`);
    const validate = new Ajv({ strict: true }).compile(schema);
    assert.ok(validate(JSON.parse(EXAMPLE)), 'the documented example is valid');
  });
});
