import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { PolicyError } from '../../../core/policy/errors';
import { loadPolicies } from '../../../core/policy/load';

const load = (text: string, path = 'tenant.json') => loadPolicies(sourceFromText(path, text));

// Line numbers (zero-based) matter below: keep the layout.
const ADMIN = `{
  "policyDefinition": {
    "name": "11111111-0000-0000-0000-000000000001",
    "displayName": "Contoso tenant",
    "defaultConnectorsClassification": "General",
    "connectorGroups": [
      { "classification": "Confidential", "connectors": [
        { "id": "/providers/Microsoft.PowerApps/apis/shared_sharepointonline", "name": "SharePoint", "type": "Microsoft.PowerApps/apis" },
        { "id": "/providers/Microsoft.PowerApps/apis/shared_sql", "name": "SQL Server", "type": "Microsoft.PowerApps/apis" }
      ] },
      { "classification": "General", "connectors": [] },
      { "classification": "Blocked", "connectors": [
        { "id": "Http", "name": "HTTP", "type": "Microsoft.PowerApps/apis" }
      ] }
    ],
    "environmentType": "OnlyEnvironments",
    "environments": [ { "id": "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/prod-env", "name": "prod-env", "type": "Microsoft.BusinessAppPlatform/scopes/environments" } ]
  },
  "connectorConfigurationsDefinition": {
    "connectorActionConfigurations": [
      { "connectorId": "/providers/Microsoft.PowerApps/apis/shared_sql",
        "actionRules": [ { "actionId": "ExecutePassThroughNativeQuery_V2", "behavior": "Block" } ],
        "defaultConnectorActionRuleBehavior": "Allow" }
    ],
    "endpointConfigurations": [
      { "connectorId": "/providers/Microsoft.PowerApps/apis/shared_sql",
        "endpointRules": [
          { "order": 2, "behavior": "Deny", "endPoint": "*" },
          { "order": 1, "behavior": "Allow", "endPoint": "*.database.windows.net*" }
        ] }
    ]
  },
  "customConnectorUrlPatternsDefinition": { "rules": [ { "order": 1, "customConnectorRuleClassification": "Ignore", "pattern": "*" } ] }
}`;

describe('policy/load: admin API v2', () => {
  it('reads groups, scope, action and endpoint rules', () => {
    const [policy, ...rest] = load(ADMIN);
    assert.equal(rest.length, 0);
    assert.ok(policy);
    assert.equal(policy.format, 'admin-api-v2');
    assert.equal(policy.name, '11111111-0000-0000-0000-000000000001');
    assert.equal(policy.displayName, 'Contoso tenant');
    assert.equal(policy.defaultGroup, 'nonBusiness');
    assert.equal(policy.connectors.get('shared_sharepointonline')?.group, 'business');
    assert.equal(policy.connectors.get('shared_sql')?.displayName, 'SQL Server');
    assert.equal(policy.connectors.get('http')?.group, 'blocked');
    assert.deepEqual(policy.scope, {
      type: 'only',
      environments: [{ id: '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/prod-env', name: 'prod-env' }],
    });
    const actions = policy.actionRules.get('shared_sql');
    assert.equal(actions?.defaultBehavior, 'allow');
    assert.deepEqual(actions?.rules.map((r) => [r.actionId, r.behavior]), [['ExecutePassThroughNativeQuery_V2', 'block']]);
    const endpoints = policy.endpointRules.get('shared_sql');
    assert.deepEqual(endpoints?.rules.map((r) => [r.order, r.behavior, r.endpoint]), [
      [1, 'allow', '*.database.windows.net*'],
      [2, 'deny', '*'],
    ]);
    assert.equal(policy.warnings, undefined);
  });

  it('points every location at its node', () => {
    const [policy] = load(ADMIN, 'exports/tenant.json');
    assert.ok(policy);
    assert.equal(policy.at.file, 'exports/tenant.json');
    assert.deepEqual(policy.at.range.start, { line: 0, character: 0 });
    const sql = policy.connectors.get('shared_sql');
    assert.deepEqual(sql?.at.range.start, { line: 8, character: 8 });
    assert.equal(sql?.at.range.end.line, 8);
    assert.equal(policy.connectors.get('http')?.at.range.start.line, 12);
    assert.equal(policy.actionRules.get('shared_sql')?.rules[0]?.at.range.start.line, 21);
    assert.equal(policy.actionRules.get('shared_sql')?.at.range.start.line, 20);
    const rules = policy.endpointRules.get('shared_sql')?.rules;
    assert.equal(rules?.[0]?.at.range.start.line, 28, 'order 1 is the second rule written');
    assert.equal(rules?.[1]?.at.range.start.line, 27);
  });

  it('reads a {value: [...]} list, policies without connectorGroups included', () => {
    const text = `{"value": [
      {"policyDefinition": {"name": "a", "displayName": "A", "defaultConnectorsClassification": "General", "environmentType": "AllEnvironments", "environments": []}},
      {"policyDefinition": {"name": "b", "displayName": "B", "defaultConnectorsClassification": "Blocked", "environmentType": "ExceptEnvironments",
        "environments": [{"id": "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/dev", "name": "dev"}]}}
    ]}`;
    const policies = load(text);
    assert.deepEqual(policies.map((p) => [p.name, p.defaultGroup, p.scope.type, p.connectors.size]), [
      ['a', 'nonBusiness', 'all', 0],
      ['b', 'blocked', 'except', 0],
    ]);
    assert.equal(policies[1]?.at.range.start.line, 2);
  });

  it('accepts "" as the default action behaviour and "endpoint" spelt either way', () => {
    const text = JSON.stringify({
      policyDefinition: { name: 'p', connectorGroups: [] },
      connectorConfigurationsDefinition: {
        connectorActionConfigurations: [{ connectorId: 'shared_approvals', actionRules: [], defaultConnectorActionRuleBehavior: '' }],
        endpointConfigurations: [{ connectorId: 'http', endpointRules: [{ order: 1, behavior: 'Deny', endpoint: '*' }] }],
      },
    });
    const [policy] = load(text);
    assert.equal(policy?.actionRules.get('shared_approvals')?.defaultBehavior, 'allow');
    assert.equal(policy?.endpointRules.get('http')?.rules[0]?.endpoint, '*');
  });

  it('rejects a connector group without a connectors array, at the group', () => {
    const text = `{"policyDefinition": {"name": "p",\n  "connectorGroups": [\n    {"classification": "Confidential"}\n  ]}}`;
    assert.throws(
      () => load(text, 'bad.json'),
      (e: unknown) => e instanceof PolicyError && e.message === 'bad.json:3:5: a connector group needs a "connectors" array',
    );
  });

  it('rejects an unknown classification, naming the value', () => {
    const text = `{"policyDefinition": {"name": "p",\n  "connectorGroups": [{"classification": "Secret", "connectors": []}]}}`;
    assert.throws(() => load(text, 'bad.json'), (e: unknown) => {
      assert.ok(e instanceof PolicyError);
      assert.equal(e.message, 'bad.json:2:42: "classification" must be one of Confidential, General, Blocked (found "Secret")');
      assert.equal(e.problem, '"classification" must be one of Confidential, General, Blocked (found "Secret")');
      assert.deepEqual(e.range.start, { line: 1, character: 41 });
      return true;
    });
  });

  it('rejects a bad environment type, action behaviour and endpoint order', () => {
    const base = { name: 'p', connectorGroups: [] };
    assert.throws(() => load(JSON.stringify({ policyDefinition: { ...base, environmentType: 'SomeEnvironments' } })), /"environmentType" must be one of AllEnvironments/);
    const config = (c: object) => JSON.stringify({ policyDefinition: base, connectorConfigurationsDefinition: c });
    assert.throws(() => load(config({ connectorActionConfigurations: [{ connectorId: 'shared_sql', actionRules: [{ actionId: 'X', behavior: 'Maybe' }] }] })), /"behavior" must be one of Allow, Block/);
    assert.throws(() => load(config({ endpointConfigurations: [{ connectorId: 'http', endpointRules: [{ order: '1', behavior: 'Deny', endPoint: '*' }] }] })), /"order" must be a number/);
    assert.throws(() => load(config({ endpointConfigurations: [{ connectorId: 'http', endpointRules: [{ order: 1, behavior: 'Deny' }] }] })), /an endpoint rule needs "endPoint"/);
  });

  it('warns, not fails, on oddities a tenant export can carry', () => {
    const text = JSON.stringify({
      policyDefinition: {
        name: 'p',
        connectorGroups: [
          { classification: 'Confidential', connectors: [{ id: 'shared_sql' }] },
          { classification: 'Blocked', connectors: [{ id: '/providers/Microsoft.PowerApps/apis/shared_sql' }] },
        ],
      },
      connectorConfigurationsDefinition: {
        endpointConfigurations: [
          { connectorId: 'http', endpointRules: [{ order: 1, behavior: 'Allow', endPoint: 'contoso.com' }] },
          { connectorId: 'shared_sharepointonline', endpointRules: [{ order: 1, behavior: 'Deny', endPoint: '*' }] },
        ],
      },
    });
    const [policy] = load(text);
    assert.equal(policy?.connectors.get('shared_sql')?.group, 'business', 'the first listing counts');
    const messages = policy?.warnings?.map((w) => w.message) ?? [];
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.match(messages[0] ?? '', /already listed in Business/);
    assert.match(messages[1] ?? '', /should end with a "\*" rule/);
    assert.match(messages[2] ?? '', /"contoso.com" has no scheme/);
    assert.match(messages[3] ?? '', /"shared_sharepointonline" has no endpoint filtering/);
  });
});
