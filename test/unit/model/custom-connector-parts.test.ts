import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { readConnectionParameters } from '../../../core/model/connection-parameters';
import { classifyHost, readOpenApiSummary } from '../../../core/model/openapi';

const json = (value: unknown) => parseJson(sourceFromText('x.json', JSON.stringify(value)));

describe('model: custom connector definitions', () => {
  it('tells a literal host from an environment variable and from other expressions', () => {
    assert.deepEqual(classifyHost('api.nbp.pl'), { host: 'api.nbp.pl', hostKind: 'literal' });
    assert.deepEqual(classifyHost('@environmentVariables("cat_HitlHostUrl")'), { host: '@environmentVariables("cat_HitlHostUrl")', hostKind: 'environment-variable', hostVariable: 'cat_HitlHostUrl' });
    assert.deepEqual(classifyHost("@{environmentVariables('new_Host')}"), { host: "@{environmentVariables('new_Host')}", hostKind: 'environment-variable', hostVariable: 'new_Host' });
    assert.equal(classifyHost('@concat(environmentVariables("a"), ".contoso.com")').hostKind, 'expression');
    assert.equal(classifyHost(undefined).hostKind, 'missing');
    assert.equal(classifyHost('  ').hostKind, 'missing');
  });

  it('reads title, base path, schemes (https by default) and security types', () => {
    const summary = readOpenApiSummary(json({ swagger: '2.0', info: { title: ' Regex Demo ' }, host: 'demo-api.wyattdave.workers.dev', basePath: '/', securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'x-api-key' } } }));
    assert.deepEqual(summary, { title: 'Regex Demo', host: 'demo-api.wyattdave.workers.dev', hostKind: 'literal', basePath: '/', schemes: ['https'], authTypes: ['apiKey'] });
  });

  it('reads connection parameters and parameter sets, and the connector id in a per-connector redirect URL', () => {
    assert.deepEqual(readConnectionParameters(json({}).root), { authTypes: [], apiNames: [] });
    assert.deepEqual(readConnectionParameters(json(null).root), { authTypes: [], apiNames: [] });
    assert.deepEqual(readConnectionParameters(json({ api_key: { type: 'securestring' } }).root), { authTypes: ['apiKey'], apiNames: [] });
    const sets = json({
      uiDefinition: { displayName: 'Authentication type' },
      values: [
        { name: 'oauth', parameters: { token: { type: 'oauthSetting', oAuthSettings: { redirectUrl: 'https://global.consent.azure-apim.net/redirect/azureusage-5fcb336cc1377ded3a-5fe4caae088dbe83f8' } } } },
        { name: 'basic', parameters: { username: { type: 'securestring' }, password: { type: 'securestring' } } },
      ],
    });
    assert.deepEqual(readConnectionParameters(sets.root), { authTypes: ['oauth2', 'basic'], apiNames: ['shared_azureusage-5fcb336cc1377ded3a-5fe4caae088dbe83f8'] });
    // The shared redirect URL names no connector.
    assert.deepEqual(readConnectionParameters(json({ token: { type: 'oauthSetting', oAuthSettings: { redirectUrl: 'https://global.consent.azure-apim.net/redirect' } } }).root).apiNames, []);
  });
});
