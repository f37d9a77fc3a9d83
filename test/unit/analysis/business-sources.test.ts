import * as assert from 'node:assert/strict';
import { isBusinessSource } from '../../../core/analysis/exfiltration';
import type { CustomConnector, Flow, Step } from '../../../core/model/types';
import { step } from '../../helpers/action-flows';
import { flowFromText } from '../../helpers/fixtures';

function flowOf(actions: object, connectionReferences: object = {}): Flow {
  return flowFromText(JSON.stringify({ properties: { connectionReferences, definition: { $schema: 'x', triggers: {}, actions } }, schemaVersion: '1.0.0.0' }));
}

const webGet = (url: string, method = 'GET') => ({
  runAfter: {},
  type: 'OpenApiConnection',
  inputs: { host: { connectionName: 'shared_webcontents', operationId: 'InvokeHttp', apiId: '/providers/Microsoft.PowerApps/apis/shared_webcontents' }, parameters: { 'request/method': method, 'request/url': url } },
});

const customCall = {
  runAfter: {},
  type: 'OpenApiConnection',
  inputs: { host: { connectionName: 'shared_contoso-5fhr-5f9f745961df205669', operationId: 'GetEmployees', apiId: '' }, parameters: {} },
};
const customReference = { 'shared_contoso-5fhr-5f9f745961df205669': { api: { name: 'shared_contoso-5fhr-5f9f745961df205669', logicalName: 'contoso_5Fhr' } } };

/** The custom connector link the workspace sets after loading, with the host under test. */
function linkCustom(flow: Flow, name: string, host: Pick<CustomConnector, 'host' | 'hostKind'> | undefined): Step {
  const s = step(flow, name);
  assert.ok(s.connector, 'the custom connector call resolves to a connector');
  const connector: CustomConnector | undefined = host && {
    logicalName: 'contoso_5Fhr',
    title: 'Contoso HR',
    ...host,
    schemes: ['https'],
    authTypes: ['oauth2'],
    hasCustomCode: false,
    apiNames: [s.connector.id],
    jsonFiles: [],
    files: [],
    at: { source: flow.doc.source, span: { offset: 0, length: 0 } },
  };
  s.connector.custom = { logicalName: 'contoso_5Fhr', ...(connector ? { connector } : {}) };
  return s;
}

describe('analysis/isBusinessSource: directory and custom connector sources', () => {
  it('a Graph users or groups GET through HTTP with Microsoft Entra ID reads the directory', () => {
    const flow = flowOf({
      Users: webGet('https://graph.microsoft.com/v1.0/users?$select=mail'),
      Group: webGet("https://graph.microsoft.com/beta/groups/@{triggerBody()?['id']}/members"),
      Relative: webGet('/v1.0/me/manager'),
      Sites: webGet('https://graph.microsoft.com/v1.0/sites/root'),
      Update: webGet('https://graph.microsoft.com/v1.0/users/x', 'PATCH'),
    });
    assert.equal(isBusinessSource(step(flow, 'Users'), []), true);
    assert.equal(isBusinessSource(step(flow, 'Group'), []), true);
    assert.equal(isBusinessSource(step(flow, 'Relative'), []), true);
    assert.equal(isBusinessSource(step(flow, 'Sites'), []), false, 'not a directory resource');
    assert.equal(isBusinessSource(step(flow, 'Update'), []), false, 'a PATCH sends data, it does not read the directory');
  });

  it('a built-in HTTP GET of Graph users reads the directory; of another host it does not', () => {
    const flow = flowOf({
      Users: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: 'https://graph.microsoft.com/v1.0/users' } },
      Lookalike: { runAfter: {}, type: 'Http', inputs: { method: 'GET', uri: 'https://graph.microsoft.com.example.net/v1.0/users' } },
    });
    assert.equal(isBusinessSource(step(flow, 'Users'), []), true);
    assert.equal(isBusinessSource(step(flow, 'Lookalike'), []), false);
  });

  it('a custom connector to a tenant API or an unknown host holds business data; one to a third-party host does not', () => {
    const flow = flowOf({ Graph: customCall, Unknown: customCall, FromVariable: customCall, Missing: customCall, ThirdParty: customCall }, customReference);
    assert.equal(isBusinessSource(linkCustom(flow, 'Graph', { host: 'graph.microsoft.com', hostKind: 'literal' }), []), true);
    assert.equal(isBusinessSource(linkCustom(flow, 'Unknown', undefined), []), true, 'definition not in the workspace');
    assert.equal(isBusinessSource(linkCustom(flow, 'FromVariable', { host: '@environmentVariables("cat_HrHost")', hostKind: 'environment-variable' }), []), true);
    assert.equal(isBusinessSource(linkCustom(flow, 'Missing', { hostKind: 'missing' }), []), true);
    assert.equal(isBusinessSource(linkCustom(flow, 'ThirdParty', { host: 'api.nbp.pl', hostKind: 'literal' }), []), false);
  });
});
