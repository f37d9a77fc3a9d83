import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { blobEndpoint, endpointKind, smtpEndpoint, sqlEndpoint } from '../../../core/policy/endpoint-connectors';
import { endpointBehavior, hasEndpointRules } from '../../../core/policy/endpoints';
import { loadPolicies } from '../../../core/policy/load';
import { wildcardMatch } from '../../../core/policy/wildcard';

describe('policy/wildcard', () => {
  it('matches the whole text, * standing for any run of characters', () => {
    assert.ok(wildcardMatch('*', ''));
    assert.ok(wildcardMatch('*', 'anything/at/all'));
    assert.ok(wildcardMatch('https://*.contoso.com/*', 'https://api.contoso.com/v1/orders'));
    assert.ok(wildcardMatch('https://*.contoso.com/*', 'https://a.b.contoso.com/'));
    assert.ok(!wildcardMatch('https://*.contoso.com/*', 'https://contoso.com/'), 'the dot before the domain is literal');
    // As the platform documents it, * spans slashes too, so a host wildcard also admits this URL.
    assert.ok(wildcardMatch('https://*.contoso.com/*', 'https://evil.com/?x=.contoso.com/'));
    assert.ok(!wildcardMatch('https://contoso.com', 'https://contoso.com/path'), 'no implicit prefix match');
    assert.ok(wildcardMatch('HTTPS://Contoso.com/*', 'https://CONTOSO.com/x'), 'case-insensitive');
    assert.ok(wildcardMatch('*localhost*', 'localhost,db'));
    assert.ok(wildcardMatch('a*b*c', 'aXXbYYc'));
    assert.ok(!wildcardMatch('a*b*c', 'aXXbYY'));
    assert.ok(wildcardMatch('a.b', 'a.b') && !wildcardMatch('a.b', 'aXb'), 'regex characters are literal');
  });

  it('stays fast on patterns that would make a regex backtrack', () => {
    const start = Date.now();
    assert.ok(!wildcardMatch('*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000)));
    assert.ok(Date.now() - start < 1000);
  });
});

describe('policy/endpoints', () => {
  const text = JSON.stringify({
    business: [],
    endpoints: {
      http: [{ allow: 'https://management.azure.com/subscriptions*' }, { deny: 'https://management.azure.com/*' }, { allow: 'https://*.contoso.com/*' }, { deny: '*' }],
      shared_sql: [{ deny: 'myserver.database.windows.net,testdatabase' }, { allow: 'myserver.database.windows.net,*' }, { deny: '*' }],
      shared_azureblob: [{ allow: 'contosodata' }, { deny: '*' }],
      shared_smtp: [{ allow: 'smtp.contoso.com,587' }, { deny: '*' }],
    },
  });
  const [policy] = loadPolicies(sourceFromText('endpoints.dlp.json', text));
  assert.ok(policy);

  it('lets the first matching rule in order decide', () => {
    assert.equal(endpointBehavior(policy, 'http', 'https://management.azure.com/subscriptions/123')?.behavior, 'allow');
    const denied = endpointBehavior(policy, 'Http', 'https://management.azure.com/tenants');
    assert.equal(denied?.behavior, 'deny');
    assert.equal(denied?.rule.order, 2);
    assert.equal(endpointBehavior(policy, 'http', 'https://api.contoso.com/orders')?.rule.order, 3);
    assert.equal(endpointBehavior(policy, 'http', 'https://example.com/')?.rule.order, 4);
  });

  it('does not let user info pass a URL off as an allowed host', () => {
    const [prefix] = loadPolicies(sourceFromText('prefix.dlp.json', JSON.stringify({ business: [], endpoints: { http: [{ allow: 'https://api.contoso.com*' }, { deny: '*' }] } })));
    assert.ok(prefix);
    // Spelled as written, this matches the Allow rule; the request goes to evil.example.
    const disguised = endpointBehavior(prefix, 'http', 'https://api.contoso.com@evil.example/upload');
    assert.equal(disguised?.behavior, 'deny');
    assert.equal(disguised?.rule.order, 2);
    assert.equal(endpointBehavior(prefix, 'http', 'https://api.contoso.com/orders')?.behavior, 'allow');
    assert.equal(endpointBehavior(policy, 'http', 'https://svc:pw@api.contoso.com/orders')?.behavior, 'allow');
  });

  it('respects `order` over the order rules are written in', () => {
    const tenant = JSON.stringify({
      policyDefinition: { name: 't' },
      connectorConfigurationsDefinition: {
        endpointConfigurations: [
          {
            connectorId: 'Http',
            endpointRules: [
              { order: 3, behavior: 'Deny', endPoint: '*' },
              { order: 1, behavior: 'Deny', endPoint: 'https://contoso.com/secret*' },
              { order: 2, behavior: 'Allow', endPoint: 'https://contoso.com/*' },
            ],
          },
        ],
      },
    });
    const [t] = loadPolicies(sourceFromText('t.json', tenant));
    assert.ok(t);
    assert.equal(endpointBehavior(t, 'http', 'https://contoso.com/secret/x')?.behavior, 'deny');
    assert.equal(endpointBehavior(t, 'http', 'https://contoso.com/public')?.behavior, 'allow');
    assert.equal(endpointBehavior(t, 'http', 'https://other.com/')?.rule.order, 3);
  });

  it('matches SQL Server endpoints as "server,database", spaces around the comma or not', () => {
    assert.equal(endpointBehavior(policy, 'shared_sql', 'myserver.database.windows.net,testdatabase')?.behavior, 'deny');
    assert.equal(endpointBehavior(policy, 'shared_sql', sqlEndpoint('MyServer.database.windows.net', 'Sales'))?.behavior, 'allow');
    assert.equal(endpointBehavior(policy, 'shared_sql', 'myserver.database.windows.net, testdatabase')?.behavior, 'deny');
    assert.equal(endpointBehavior(policy, 'shared_sql', 'other.database.windows.net,sales')?.rule.order, 3);
  });

  it('matches Azure Blob Storage by account name and SMTP by "server,port"', () => {
    assert.equal(endpointBehavior(policy, 'shared_azureblob', blobEndpoint('https://ContosoData.blob.core.windows.net/'))?.behavior, 'allow');
    assert.equal(endpointBehavior(policy, 'shared_azureblob', blobEndpoint('contosodata'))?.behavior, 'allow');
    assert.equal(endpointBehavior(policy, 'shared_azureblob', 'fabrikam')?.behavior, 'deny');
    assert.equal(endpointBehavior(policy, 'shared_smtp', smtpEndpoint('smtp.contoso.com', 587))?.behavior, 'allow');
    assert.equal(endpointBehavior(policy, 'shared_smtp', smtpEndpoint('smtp.gmail.com', '587'))?.behavior, 'deny');
  });

  it('says nothing for connectors without endpoint rules, or when no rule matches', () => {
    assert.equal(endpointBehavior(policy, 'shared_sharepointonline', 'https://contoso.sharepoint.com/sites/x'), undefined);
    assert.ok(hasEndpointRules(policy, '/providers/Microsoft.PowerApps/apis/shared_sql'));
    assert.ok(!hasEndpointRules(policy, 'httpwebhook'));
    const [open] = loadPolicies(sourceFromText('o.dlp.json', JSON.stringify({ business: [], endpoints: { http: [{ deny: 'https://evil.com/*' }] } })));
    assert.ok(open);
    assert.equal(endpointBehavior(open, 'http', 'https://good.com/'), undefined);
  });

  it('knows which connectors filter endpoints and on what', () => {
    assert.equal(endpointKind('http'), 'url');
    assert.equal(endpointKind('shared_webcontents'), 'url');
    assert.equal(endpointKind('shared_sql'), 'sql');
    assert.equal(endpointKind('shared_azureblob'), 'blob');
    assert.equal(endpointKind('shared_sharepointonline'), undefined);
  });
});
