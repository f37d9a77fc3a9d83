import * as assert from 'node:assert/strict';
import { decodeText, sourceFromText } from '../../../core/artifacts/decode';
import { appliesTo } from '../../../core/policy/environment';
import { loadPolicies } from '../../../core/policy/load';

const load = (text: string, path = 'get-dlppolicy.json') => loadPolicies(sourceFromText(path, text));

const FLAT = {
  name: '981a935c-0000-0000-0000-000000000000',
  displayName: 'DefaultEnvironmentPolicy',
  defaultConnectorsClassification: 'General',
  connectorGroups: [
    { classification: 'Confidential', connectors: [{ id: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', name: 'SharePoint', type: 'Microsoft.PowerApps/apis' }] },
    { classification: 'General', connectors: [] },
    {
      classification: 'Blocked',
      connectors: [
        { id: 'Http', name: 'HTTP', type: 'Microsoft.PowerApps/apis' },
        { id: 'HttpRequestReceived', name: 'When a HTTP request is received', type: 'Microsoft.PowerApps/apis' },
        { id: 'HttpWebhook', name: 'HTTP Webhook', type: 'Microsoft.PowerApps/apis' },
      ],
    },
  ],
  environmentType: 'OnlyEnvironments',
  environments: [{ id: '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/Default-3c19', name: 'Default-3c19', type: 'Microsoft.BusinessAppPlatform/scopes/environments' }],
  createdBy: { displayName: 'SYSTEM' },
  isLegacySchemaVersion: false,
};

describe('policy/load: Get-DlpPolicy', () => {
  it('reads the flat policy object, HTTP built-ins by their short ids', () => {
    const [policy] = load(JSON.stringify(FLAT, null, 2));
    assert.equal(policy?.format, 'get-dlppolicy');
    assert.equal(policy?.displayName, 'DefaultEnvironmentPolicy');
    assert.deepEqual([...(policy?.connectors.keys() ?? [])], ['shared_sharepointonline', 'http', 'httprequestreceived', 'httpwebhook']);
    assert.equal(policy?.connectors.get('httpwebhook')?.group, 'blocked');
    assert.equal(policy?.actionRules.size, 0);
    assert.equal(policy?.scope.type, 'only');
  });

  it('reads {value: [...]} and a bare array', () => {
    const second = { ...FLAT, name: 'second', environmentType: 'AllEnvironments', environments: [] };
    assert.deepEqual(load(JSON.stringify({ value: [FLAT, second] })).map((p) => p.name), [FLAT.name, 'second']);
    assert.deepEqual(load(JSON.stringify([FLAT, second])).map((p) => p.name), [FLAT.name, 'second']);
    assert.deepEqual(load('{"value": []}'), []);
  });

  it('reads keys and enum values in any case, and a BOM', () => {
    const text = JSON.stringify({
      Name: 'p',
      DisplayName: 'Shouty',
      DefaultConnectorsClassification: 'BLOCKED',
      ConnectorGroups: [{ Classification: 'confidential', Connectors: [{ Id: 'SHARED_SQL' }] }],
      EnvironmentType: 'exceptenvironments',
      Environments: [{ Name: 'Dev' }],
    });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const [policy] = loadPolicies(decodeText('shouty.json', bytes));
    assert.equal(policy?.defaultGroup, 'blocked');
    assert.equal(policy?.connectors.get('shared_sql')?.group, 'business');
    assert.deepEqual(policy?.scope, { type: 'except', environments: [{ name: 'Dev' }] });
  });

  it('reads a ScubaGear export, naming environments from its environment list', () => {
    const text = JSON.stringify(
      {
        tenant_id: 't',
        environment_creation: [],
        dlp_policies: [{ value: [FLAT, { ...FLAT, name: 'all', environmentType: 'AllEnvironments', environments: [] }] }],
        environment_list: [{ EnvironmentName: 'Default-3c19', DisplayName: 'Contoso (default)', IsDefault: true }],
      },
      null,
      2,
    );
    const policies = load(text, 'ProviderSettingsExport.json');
    assert.deepEqual(policies.map((p) => [p.name, p.format]), [
      [FLAT.name, 'get-dlppolicy'],
      ['all', 'get-dlppolicy'],
    ]);
    const scoped = policies[0];
    assert.ok(scoped);
    assert.ok(scoped.scope.type !== 'all' && scoped.scope.environments[0]?.displayName === 'Contoso (default)');
    assert.ok(appliesTo(scoped, 'contoso (DEFAULT)'));
    assert.equal(scoped.connectors.get('http')?.at.range.start.line, 28, 'the entry object, a line above its id');
  });

  it('takes an empty or null dlp_policies as no policies', () => {
    assert.deepEqual(load('{"dlp_policies": []}'), []);
    assert.deepEqual(load('{"dlp_policies": [null]}'), []);
  });

  it('names the entry that is not a policy in a list', () => {
    assert.throws(() => load('{"value": [\n  {"hello": 1}\n]}', 'l.json'), /^PolicyError: l\.json:2:3: list entry is not a DLP policy/);
  });
});
