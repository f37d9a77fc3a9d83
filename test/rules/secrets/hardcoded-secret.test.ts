import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { emptyConfig } from '../../../core/config/types';
import { lintWorkspace } from '../../../core/engine/lint-workspace';
import { loadPaths } from '../../../core/workspace/load-paths';
import rule from '../../../rules/secrets/hardcoded-secret';
import { testRule } from '../../helpers/rule-tester';
import { ALNUM, BASE64URL, FakeSecrets } from '../../unit/secrets/fake-secrets';

testRule(rule, () => [], [
  {
    file: 'http-basic-auth.json',
    why: 'an HTTP action with Basic authentication whose password is written into the flow',
    expect: [{ line: 43, column: 28, action: 'Call_payroll_API', data: { kind: 'basic-password', field: 'inputs.authentication.password' } }],
  },
  {
    file: 'http-client-certificate.json',
    why: 'client certificate authentication with the PFX and its password inline',
    expect: [
      { line: 39, column: 23, action: 'Get_invoices', data: { kind: 'client-certificate-pfx', field: 'inputs.authentication.pfx' } },
      { line: 40, column: 28, action: 'Get_invoices', data: { kind: 'client-certificate-password', field: 'inputs.authentication.password' } },
    ],
  },
  {
    file: 'http-oauth-client-secret.json',
    why: 'ActiveDirectoryOAuth with a literal client secret; the tenant and client id GUIDs are ids, not secrets',
    expect: [{ line: 43, column: 26, action: 'Query_Microsoft_Graph', data: { kind: 'oauth-client-secret', field: 'inputs.authentication.secret' } }],
  },
  {
    file: 'http-raw-authorization.json',
    why: "Raw authentication: an opaque token after 'Token ' in a webhook subscription, and a JWT after 'Bearer '",
    expect: [
      { line: 43, column: 33, action: 'Wait_for_callback', data: { kind: 'raw-authorization', field: 'inputs.subscribe.authentication.value' } },
      { line: 65, column: 32, action: 'Post_result', data: { kind: 'jwt', field: 'inputs.authentication.value' } },
    ],
  },
  {
    file: 'credential-headers.json',
    why: "APIM subscription key, x-api-key, x-functions-key and a Basic Authorization header; 'Bearer @{...}' and @parameters headers stay quiet",
    expect: [
      { line: 52, column: 45, action: 'Call_APIM', data: { kind: 'api-key', field: 'inputs.headers.Ocp-Apim-Subscription-Key' } },
      { line: 68, column: 29, action: 'Call_partner', data: { kind: 'api-key', field: 'inputs.headers.x-api-key' } },
      { line: 85, column: 35, action: 'Call_function', data: { kind: 'api-key', field: 'inputs.headers.x-functions-key' } },
      { line: 100, column: 39, action: 'Call_legacy_system', data: { kind: 'authorization-header', field: 'inputs.headers.Authorization' } },
    ],
  },
  {
    file: 'url-query-secrets.json',
    why: "a flow trigger URL with sig=, an Azure Functions URL with code= and an api_key= query parameter; code=@{...} and key=Title stay quiet",
    expect: [
      { line: 36, column: 204, action: 'Start_child_flow', data: { kind: 'sas-signature', field: 'inputs.uri' } },
      { line: 51, column: 80, action: 'Run_function', data: { kind: 'url-query-secret', field: 'inputs.uri' } },
      { line: 63, column: 91, action: 'Get_weather', data: { kind: 'url-query-secret', field: 'inputs.uri' } },
    ],
  },
  {
    file: 'known-shapes.json',
    why: 'tokens known by their shape in fields with ordinary names: a JWT, an AWS access key id, a connection string password',
    expect: [
      { line: 39, column: 27, action: 'Set_service_token', data: { kind: 'jwt', field: 'inputs.variables[0].value' } },
      { line: 53, column: 29, action: 'Compose_AWS_settings', data: { kind: 'aws-access-key-id', field: 'inputs.accessKeyId' } },
      { line: 64, column: 92, action: 'Compose_connection_string', data: { kind: 'connection-string-secret', field: 'inputs' } },
    ],
  },
  {
    file: 'parameter-defaults.json',
    why: 'default values of an environment-variable parameter named like an API key and of a SecureString client secret; URL and tenant id defaults stay quiet',
    expect: [
      { line: 17, column: 28, data: { kind: 'api-key', field: 'parameters.Partner API key (cr_PartnerApiKey).defaultValue' } },
      { line: 24, column: 28, data: { kind: 'oauth-client-secret', field: 'parameters.ClientSecret.defaultValue' } },
    ],
  },
  {
    file: 'one-line-nested-escaped.json',
    why: 'a one-line legacy definition: client_secret in JSON text (after \\" escapes) in an action nested in a scope in the else branch, reported once',
    expect: [{ line: 1, column: 1208, action: 'Request_token', data: { kind: 'oauth-client-secret', field: 'inputs.body' } }],
  },
  {
    file: 'crlf-bom.json',
    why: 'an api-key header in a CRLF file with a byte order mark: the column is counted as an editor counts it',
    expect: [{ line: 39, column: 27, action: 'Send_to_partner', data: { kind: 'api-key', field: 'inputs.headers.api-key' } }],
  },
  {
    file: 'variables-and-queries.json',
    why: "a variable named partnerApiKey initialised with a literal key, and an Azure Functions key in the HTTP action's queries; a URL variable stays quiet",
    expect: [
      { line: 39, column: 27, action: 'Initialize_partnerApiKey', data: { kind: 'api-key', field: 'inputs.variables[0].value' } },
      { line: 72, column: 24, action: 'Run_function', data: { kind: 'url-query-secret', field: 'inputs.queries.code' } },
    ],
  },
  {
    file: 'expressions-and-connection-keys.json',
    why: "credentials from expressions: $authentication, the X-MS-APIM-Tokens connection key, Key Vault outputs, @{parameters(...)} in headers and URLs, '@@' escapes",
    expect: [],
  },
  {
    file: 'placeholders.json',
    why: 'placeholders in every credential place: ***REPLACE***, <your-api-key>, ${...}, #{...}#, __...__, $(...), xxxx, changeme, YOUR_CLIENT_SECRET_HERE, TODO, empty',
    expect: [],
  },
  {
    file: 'ids-and-ordinary-text.json',
    why: 'GUID ids, Key Vault secret names and references, table keys, an Authorization column set to "Approved", email text about passwords, action names with "secret" in runAfter, a sig taken from a parameter',
    expect: [],
  },
]);

/** 1-based line and column of `needle` in `text`, as a user sees the finding. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle.slice(0, 4)}… is not in the file`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

describe('secrets/hardcoded-secret in environment variables and deploymentSettings.json', () => {
  const fake = new FakeSecrets(4242);
  const apiKeyDefault = fake.chars(ALNUM, 40);
  const apiKeyValue = fake.chars(ALNUM, 40);
  const sigDefault = fake.chars(BASE64URL, 43);
  const sqlPassword = `Qz7!${fake.chars(ALNUM, 12)}`;
  const settingsSecret = fake.chars(`${ALNUM}~._-`, 40);
  const sigSettings = fake.chars(BASE64URL, 43);
  const flowUrl = (sig: string) => `https://prod-00.westeurope.logic.azure.com:443/workflows/5c1d0e3f8a7b4c2d9e6f1a0b3c4d5e6f/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`;
  const BOM = '\uFEFF';
  let dir: string;

  function definition(schema: string, display: string, type: string, defaultValue?: string): string {
    const value = defaultValue === undefined ? '' : `\r\n  <defaultvalue>${defaultValue}</defaultvalue>`;
    return `<environmentvariabledefinition schemaname="${schema}">\r\n  <displayname default="${display}" />\r\n  <type>${type}</type>${value}\r\n</environmentvariabledefinition>`;
  }

  function write(rel: string, text: string): string {
    const abs = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return text;
  }

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-secrets-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports literal secrets in default and current values and in deployment settings, at the secret, and nothing else', async () => {
    write('src/Other/Solution.xml', '<ImportExportXml><SolutionManifest><UniqueName>ContosoHR</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>');
    write('src/Other/Customizations.xml', '<ImportExportXml></ImportExportXml>');
    const vars = 'src/environmentvariabledefinitions';
    const apiKeyXml = write(`${vars}/cr_PartnerApiKey/environmentvariabledefinition.xml`, definition('cr_PartnerApiKey', 'Partner API key', '100000000', apiKeyDefault));
    const apiKeyJson = write(`${vars}/cr_PartnerApiKey/environmentvariablevalues.json`, `${BOM}{\r\n  "environmentvariablevalues": {\r\n    "environmentvariablevalue": {\r\n      "value": "${apiKeyValue}"\r\n    }\r\n  }\r\n}`);
    // The URL's '&' are written as '&amp;' in XML: the finding must still land on the signature.
    const urlXml = write(`${vars}/cr_ChildFlowUrl/environmentvariabledefinition.xml`, definition('cr_ChildFlowUrl', 'Child flow URL', '100000000', flowUrl(sigDefault).replace(/&/g, '&amp;')));
    const sqlXml = write(`${vars}/cr_SqlConnection/environmentvariabledefinition.xml`, definition('cr_SqlConnection', 'SQL connection', '100000000', `<![CDATA[Server=sql01.contoso.local;Database=Payroll;User Id=flow_svc;Password=${sqlPassword};]]>`));
    write(`${vars}/cr_ClientSecret/environmentvariabledefinition.xml`, definition('cr_ClientSecret', 'Client secret', '100000005', '/subscriptions/3f2a1b0c-4d5e-4f6a-8b7c-9d0e1f2a3b4c/resourceGroups/hr/providers/Microsoft.KeyVault/vaults/contoso-kv/secrets/payroll-client-secret'));
    write(`${vars}/cr_UseCache/environmentvariabledefinition.xml`, definition('cr_UseCache', 'Use cache', '100000002', 'yes'));
    write(`${vars}/cr_TenantId/environmentvariabledefinition.xml`, definition('cr_TenantId', 'Tenant ID', '100000000', '72f988bf-86f1-41af-91ab-2d7cd011db47'));
    write(`${vars}/cr_ApiToken/environmentvariabledefinition.xml`, definition('cr_ApiToken', 'API token', '100000000', '#{ApiToken}#'));
    write(`${vars}/cr_SiteUrl/environmentvariabledefinition.xml`, definition('cr_SiteUrl', 'Site URL', '100000000'));
    const settings = write('config/Prod/deploymentSettings.json', JSON.stringify({
      EnvironmentVariables: [
        { SchemaName: 'cr_PartnerApiKey', Value: '#{environmentvariable.cr_PartnerApiKey}#' },
        { SchemaName: 'cr_ClientSecret', Value: settingsSecret },
        { SchemaName: 'cr_ChildFlowUrl', Value: flowUrl(sigSettings) },
        { SchemaName: 'cr_SiteUrl', Value: 'https://contoso.sharepoint.com/sites/hr' },
        { SchemaName: 'cr_ApiToken', Value: '' },
        { SchemaName: 'cr_StorageAccountKey', Value: '/subscriptions/3f2a1b0c-4d5e-4f6a-8b7c-9d0e1f2a3b4c/resourceGroups/hr/providers/Microsoft.KeyVault/vaults/contoso-kv/secrets/storage-key' },
      ],
      ConnectionReferences: [{ LogicalName: 'cr_sharedsharepointonline_5f2a1', ConnectionId: '4d9e0f3b2a1c4e5f8a7b6c5d4e3f2a1b', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }],
    }, null, 4));

    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    const result = lintWorkspace(ws, { config: emptyConfig(dir), policies: [], applicable: [], policyFiles: [] }, [rule]);
    assert.deepEqual(result.unreadable, []);

    const at = (file: string, text: string, secret: string, data: Record<string, string>) => ({ file, ...positionOf(text, secret), data });
    const expected = [
      at('config/Prod/deploymentSettings.json', settings, settingsSecret, { kind: 'oauth-client-secret', field: 'EnvironmentVariables[1].Value' }),
      at('config/Prod/deploymentSettings.json', settings, sigSettings, { kind: 'sas-signature', field: 'EnvironmentVariables[2].Value' }),
      at(`${vars}/cr_ChildFlowUrl/environmentvariabledefinition.xml`, urlXml, sigDefault, { kind: 'sas-signature', field: 'defaultvalue' }),
      at(`${vars}/cr_PartnerApiKey/environmentvariabledefinition.xml`, apiKeyXml, apiKeyDefault, { kind: 'api-key', field: 'defaultvalue' }),
      at(`${vars}/cr_PartnerApiKey/environmentvariablevalues.json`, apiKeyJson.slice(BOM.length), apiKeyValue, { kind: 'api-key', field: 'value' }),
      at(`${vars}/cr_SqlConnection/environmentvariabledefinition.xml`, sqlXml, sqlPassword, { kind: 'connection-string-secret', field: 'defaultvalue' }),
    ];
    const seenFindings = result.findings.map((f) => ({ file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1, data: f.data }));
    assert.deepEqual([...seenFindings].sort(byFileAndLine), [...expected].sort(byFileAndLine));

    const secrets = [apiKeyDefault, apiKeyValue, sigDefault, sqlPassword, settingsSecret, sigSettings];
    for (const f of result.findings) {
      assert.equal(f.severity, 'error');
      for (const secret of secrets) assert.ok(!f.message.includes(secret.slice(0, 8)), `message shows no more than a mask: ${f.message}`);
      assert.match(f.message, /'[^']{0,4}…' \(\d+ characters\)/);
    }
  });
});

function byFileAndLine(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

describe('secrets/hardcoded-secret in custom connectors', () => {
  const fake = new FakeSecrets(777);
  const apiKeyDefault = fake.chars(ALNUM, 40);
  const clientSecret = fake.chars(`${ALNUM}~._-`, 40);
  const headerValue = fake.chars(ALNUM, 48);
  const codeKey = fake.chars(ALNUM, 44);
  let dir: string;

  function write(rel: string, text: string): string {
    const abs = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    return text;
  }

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-connector-secrets-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports literal credentials in the definition, connection parameters, policy templates and custom code, masked, and nothing else', async () => {
    const logical = 'cr_5Fpartner-20orders';
    write('solution.xml', '<?xml version="1.0" encoding="utf-8"?><ImportExportXml><SolutionManifest><UniqueName>PartnerOrders</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>');
    write('customizations.xml', `<?xml version="1.0" encoding="utf-8"?><ImportExportXml><Workflows /><Connectors><Connector><connectorid>6f1c2b8e-6a55-4d3b-9a0e-2b1f0c9d7e42</connectorid><displayname>Partner Orders</displayname><name>${logical}</name><connectortype>1</connectortype>` +
      `<openapidefinition>/Connector/${logical}_openapidefinition.json</openapidefinition><connectionparameters>/Connector/${logical}_connectionparameters.json</connectionparameters>` +
      `<policytemplateinstances>/Connector/${logical}_policytemplateinstances.json</policytemplateinstances><customcodeblobcontent>/Connector/${logical}_customcodeblobcontent.csx</customcodeblobcontent></Connector></Connectors><connectionreferences /></ImportExportXml>`);
    const definition = write(`Connector/${logical}_openapidefinition.json`, JSON.stringify({
      swagger: '2.0', info: { title: 'Partner Orders', version: '1.0' }, host: 'orders.partner-example.net', basePath: '/api', schemes: ['https'],
      paths: { '/orders': { get: { operationId: 'ListOrders', parameters: [{ name: 'api_key', in: 'query', type: 'string', default: apiKeyDefault, 'x-ms-visibility': 'internal' }], responses: { 200: { description: 'OK' } } } } },
      securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    }, null, 2));
    const parameters = write(`Connector/${logical}_connectionparameters.json`, JSON.stringify({
      token: { type: 'oauthSetting', oAuthSettings: { identityProvider: 'aad', clientId: 'c47bf440-52ce-4d7f-808f-f377e572ac20', clientSecret, scopes: [], redirectUrl: 'https://global.consent.azure-apim.net/redirect' } },
      api_key: { type: 'securestring', uiDefinition: { displayName: 'API key', description: 'The partner key', constraints: { required: 'true' } } },
    }, null, 2));
    const templates = write(`Connector/${logical}_policytemplateinstances.json`, JSON.stringify([
      { templateId: 'setheader', title: 'Add key', parameters: { 'x-ms-apimTemplateParameter.name': 'X-Api-Key', 'x-ms-apimTemplateParameter.value': headerValue, 'x-ms-apimTemplateParameter.existsAction': 'override', 'x-ms-apimTemplate-policySection': 'Request' } },
    ], null, 2));
    const code = write(`Connector/${logical}_customcodeblobcontent.csx`, `public class Script : ScriptBase\n{\n    private const string ApiKey = "${codeKey}";\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        this.Context.Request.Headers.Add("X-Api-Key", ApiKey);\n        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken);\n    }\n}\n`);

    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    const result = lintWorkspace(ws, { config: emptyConfig(dir), policies: [], applicable: [], policyFiles: [] }, [rule]);
    assert.deepEqual(result.unreadable, []);
    const found = result.findings.map((f) => ({ file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1 }));
    const at = (file: string, text: string, secret: string) => ({ file: `Connector/${logical}_${file}`, ...positionOf(text, secret) });
    assert.deepEqual([...found].sort(byFileAndLine), [
      at('connectionparameters.json', parameters, clientSecret),
      at('customcodeblobcontent.csx', code, codeKey),
      at('openapidefinition.json', definition, apiKeyDefault),
      at('policytemplateinstances.json', templates, headerValue),
    ].sort(byFileAndLine));
    for (const f of result.findings) {
      for (const secret of [apiKeyDefault, clientSecret, headerValue, codeKey]) assert.ok(!f.message.includes(secret.slice(0, 8)), `message shows no more than a mask: ${f.message}`);
      assert.match(f.message, /custom connector 'Partner Orders'/);
    }
  });
});
