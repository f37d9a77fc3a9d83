import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import type { CustomConnector, CustomConnectorLink } from '../../../core/model/types';
import { classify } from '../../../core/policy/classify';
import { why } from '../../../core/policy/explain';
import { loadPolicies } from '../../../core/policy/load';
import type { DlpPolicy } from '../../../core/policy/types';

function own(name: string, body: object): DlpPolicy {
  const [policy] = loadPolicies(sourceFromText(`${name}.dlp.json`, JSON.stringify({ name, ...body })));
  assert.ok(policy);
  return policy;
}

/** An admin API export as the platform writes it, with URL patterns and an environment scope. */
function adminApi(environmentType: string, rules: { order: number; customConnectorRuleClassification: string; pattern: string }[] | undefined): DlpPolicy {
  const body: Record<string, unknown> = {
    policyDefinition: {
      name: '00000000-0000-0000-0000-0000000000aa',
      displayName: `Tenant ${environmentType}`,
      defaultConnectorsClassification: 'General',
      connectorGroups: [
        { classification: 'Confidential', connectors: [{ id: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', name: 'SharePoint', type: 'Microsoft.PowerApps/apis' }] },
        { classification: 'General', connectors: [] },
        { classification: 'Blocked', connectors: [] },
      ],
      environmentType,
      environments: environmentType === 'AllEnvironments' ? [] : [{ id: '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/env-1', name: 'env-1', type: 'Microsoft.BusinessAppPlatform/scopes/environments' }],
    },
    connectorConfigurationsDefinition: { connectorActionConfigurations: [], endpointConfigurations: [] },
  };
  if (rules) body.customConnectorUrlPatternsDefinition = { rules };
  const [policy] = loadPolicies(sourceFromText('tenant.json', JSON.stringify(body)));
  assert.ok(policy);
  return policy;
}

function connector(host: string | undefined, extra: Partial<CustomConnector> = {}): CustomConnectorLink {
  const doc = parseJson(sourceFromText('Connector/cr_x_openapidefinition.json', '{}'));
  const defined: CustomConnector = {
    logicalName: 'cr_5Fcontoso-20orders',
    title: 'Contoso Orders',
    host,
    hostKind: host === undefined ? 'missing' : 'literal',
    basePath: '/api',
    schemes: ['https'],
    authTypes: ['apiKey'],
    hasCustomCode: false,
    apiNames: ['shared_cr-5fcontoso-20orders-5f0123456789abcdef'],
    jsonFiles: [],
    files: [],
    at: { source: doc.source, span: { offset: 0, length: 2 } },
    ...extra,
  };
  return { connector: defined };
}

const ID = 'shared_cr-5fcontoso-20orders-5f0123456789abcdef';
const RULES = [
  { order: 1, customConnectorRuleClassification: 'Confidential', pattern: 'https://*.contoso.com' },
  { order: 3, customConnectorRuleClassification: 'Ignore', pattern: '*' },
  { order: 2, customConnectorRuleClassification: 'Blocked', pattern: 'https://evil.example*' },
];

describe('policy/classify: connectors outside DLP and custom connectors', () => {
  it('never groups Content Conversion, which the platform does not classify', () => {
    for (const policy of [own('strict', { default: 'blocked' }), own('loose', { default: 'business' }), adminApi('AllEnvironments', RULES)]) {
      const c = classify(policy, '/providers/Microsoft.PowerApps/apis/shared_conversionservice');
      assert.equal(c.group, undefined);
      assert.equal(c.unclassified, 'outside-dlp');
    }
  });

  it('classifies a custom connector under a tenant-level policy by the first URL pattern, in order, that matches its host', () => {
    const policy = adminApi('AllEnvironments', RULES);
    const business = classify(policy, { id: ID, custom: connector('orders.contoso.com') });
    assert.equal(business.group, 'business');
    assert.equal(business.pattern?.order, 1);
    assert.match(why(business), /URL pattern 'https:\/\/\*\.contoso\.com'/);
    const blocked = classify(policy, { id: ID, custom: connector('evil.example') });
    assert.equal(blocked.group, 'blocked', 'order 2 comes before the * rule of order 3');
  });

  it('leaves a custom connector that only Ignore matches without a group', () => {
    for (const type of ['AllEnvironments', 'ExceptEnvironments', 'OnlyEnvironments']) {
      const c = classify(adminApi(type, RULES), { id: ID, custom: connector('api.nbp.pl') });
      assert.equal(c.group, undefined, type);
      assert.equal(c.unclassified, 'ignored', type);
      assert.equal(c.pattern?.pattern, '*');
    }
  });

  it('classifies the same connector under an environment-level policy by its id, else the default group', () => {
    const listed = own('dev', { environments: { single: 'Dev' }, business: [ID], customConnectors: [{ blocked: '*' }] });
    assert.equal(classify(listed, { id: ID, custom: connector('api.nbp.pl') }).group, 'business');
    const unlisted = own('dev2', { environments: { single: 'Dev' }, default: 'nonBusiness' });
    const c = classify(unlisted, { id: ID, custom: connector('api.nbp.pl') });
    assert.equal(c.group, 'nonBusiness');
    assert.equal(c.entry, undefined);
  });

  it('says what would decide a custom connector whose host is an environment variable, and gives no group', () => {
    const link = connector('@environmentVariables("cat_HitlHostUrl")', { hostKind: 'environment-variable', hostVariable: 'cat_HitlHostUrl' });
    const c = classify(adminApi('AllEnvironments', RULES), { id: ID, custom: link });
    assert.equal(c.group, undefined);
    assert.equal(c.unclassified, 'undecidable');
    assert.match(c.reason ?? '', /environment variable cat_HitlHostUrl/);
  });

  it('gives no group to a custom connector whose definition is not in the workspace, known only by its id', () => {
    const c = classify(adminApi('AllEnvironments', RULES), 'shared_wd-5fautoreview-5f2bf6af0c4e1b88a0');
    assert.equal(c.unclassified, 'undecidable');
    assert.match(c.reason ?? '', /not in the workspace/);
    assert.equal(classify(adminApi('AllEnvironments', RULES), 'shared_sql').group, 'nonBusiness', 'a Microsoft connector still takes the default group');
  });

  it('does not guess for a tenant-level policy file that carries no URL patterns (Get-DlpPolicy output)', () => {
    const c = classify(adminApi('AllEnvironments', undefined), { id: ID, custom: connector('orders.contoso.com') });
    assert.equal(c.unclassified, 'undecidable');
    assert.match(c.reason ?? '', /no custom connector URL patterns/);
  });

  it('reads URL patterns from FlowGuard policies, and a pattern without a scheme against the bare host', () => {
    const policy = own('fg', { customConnectors: [{ nonBusiness: '*.nbp.pl' }, { ignore: '*' }] });
    assert.equal(classify(policy, { id: ID, custom: connector('api.nbp.pl') }).group, 'nonBusiness');
    assert.equal(classify(policy, { id: ID, custom: connector('orders.contoso.com') }).unclassified, 'ignored');
  });

  it('matches a pattern against the host URL with its base path too', () => {
    const policy = own('fg', { customConnectors: [{ blocked: 'https://script.google.com/macros/*' }, { ignore: '*' }] });
    assert.equal(classify(policy, { id: ID, custom: connector('script.google.com', { basePath: '/macros/s/AKfy' }) }).group, 'blocked');
  });
});
