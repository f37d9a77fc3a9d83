import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import type { Flow, Step } from '../../../core/model/types';
import { contextOf, rebuildFlow } from '../../../core/workspace/flow-context';
import { loadPaths } from '../../../core/workspace/load-paths';
import { makeZip } from '../../helpers/make-zip';

// Real-shaped files: names, elements and ids as the exports in the corpus write them.
const KURSY = 'cre80_5Fkursy-20walut-20nbp';
const KURSY_ID = 'shared_cre80-5fkursy-20walut-20nbp-5f9f745961df205669';
const KURSY_RECORD = '1612d9de-f47a-4837-8a8a-d48ac47ec0e2';

const SOLUTION_XML = '<?xml version="1.0" encoding="utf-8"?><ImportExportXml><SolutionManifest><UniqueName>Kursy</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>';

function definition(title: string, host: string, extra: object = {}): string {
  return JSON.stringify({ swagger: '2.0', info: { title, version: '1.0' }, host, basePath: '/api/exchangerates', schemes: ['https'], paths: {}, securityDefinitions: {}, ...extra });
}

function oauthParameters(redirectName: string): string {
  return JSON.stringify({
    token: {
      type: 'oauthSetting',
      oAuthSettings: { identityProvider: 'aad', clientId: 'c47bf440-52ce-4d7f-808f-f377e572ac20', scopes: [], redirectMode: 'GlobalPerConnector', redirectUrl: `https://global.consent.azure-apim.net/redirect/${redirectName}` },
    },
    'token:TenantId': { type: 'string', metadata: { sourceType: 'AzureActiveDirectoryTenant' } },
  });
}

function connectorXml(logical: string, record: string, displayName: string, extra = ''): string {
  return `<Connector><connectorid>${record}</connectorid><displayname>${displayName}</displayname><name>${logical}</name><connectortype>1</connectortype>` +
    `<openapidefinition>/Connector/${logical}_openapidefinition.json</openapidefinition>` +
    `<connectionparameters>/Connector/${logical}_connectionparameters.json</connectionparameters>` +
    `<policytemplateinstances>/Connector/${logical}_policytemplateinstances.json</policytemplateinstances>${extra}</Connector>`;
}

function customizations(connectors: string, references = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?><ImportExportXml><Workflows /><Connectors>${connectors}</Connectors><connectionreferences>${references}</connectionreferences></ImportExportXml>`;
}

function reference(logical: string, apiId: string, customRecord?: string): string {
  const custom = customRecord ? `<customconnectorid><connectorid>${customRecord}</connectorid></customconnectorid>` : '';
  return `<connectionreference connectionreferencelogicalname="${logical}"><connectorid>/providers/Microsoft.PowerApps/apis/${apiId}</connectorid>${custom}</connectionreference>`;
}

interface Call {
  step: string;
  key: string;
  api: { name: string; logicalName?: string };
  referenceLogicalName?: string;
}

function flow(calls: Call[]): string {
  const refs: Record<string, object> = {};
  const actions: Record<string, object> = {};
  for (const call of calls) {
    refs[call.key] = { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: call.referenceLogicalName ?? `new_${call.key}` }, api: call.api };
    // Real exports often leave host.apiId empty and name only the connection.
    actions[call.step] = { runAfter: {}, type: 'OpenApiConnection', inputs: { host: { apiId: '', connectionName: call.key, operationId: 'Get' }, parameters: {} } };
  }
  return JSON.stringify({
    properties: {
      connectionReferences: refs,
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' } },
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
        actions,
      },
    },
    schemaVersion: '1.0.0.0',
  });
}

const OUTLOOK_CALL: Call = { step: 'Send_mail', key: 'shared_office365', api: { name: 'shared_office365' } };

function stepOf(f: Flow | undefined, name: string): Step {
  const step = f?.steps.find((s) => s.name === name);
  assert.ok(step, `step ${name}`);
  return step;
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

describe('workspace: custom connectors', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-cc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a raw solution zip described in customizations.xml and links the flow by api.logicalName; Outlook stays Microsoft', async () => {
    writeFileSync(path.join(dir, 'Kursy_1_0_0_0.zip'), makeZip({
      'solution.xml': SOLUTION_XML,
      'customizations.xml': customizations(connectorXml(KURSY, KURSY_RECORD, 'Kursy walut NBP', `<customcodeblobcontent>/Connector/${KURSY}_customcodeblobcontent.csx</customcodeblobcontent><iconblob>/Connector/${KURSY}_iconblob.Jpeg</iconblob>`)),
      [`Connector/${KURSY}_openapidefinition.json`]: definition('Default title', 'api.nbp.pl'),
      [`Connector/${KURSY}_connectionparameters.json`]: oauthParameters('cre80-5fkursy-20walut-20nbp-5f9f745961df205669'),
      [`Connector/${KURSY}_policytemplateinstances.json`]: 'null',
      [`Connector/${KURSY}_customcodeblobcontent.csx`]: 'public class Script : ScriptBase { }',
      [`Connector/${KURSY}_iconblob.Jpeg`]: new Uint8Array([0xff, 0xd8, 0xff]),
      'Workflows/Kursy-8FDE32D5-CF10-ED11-B83D-000D3ADA9E5F.json': flow([{ step: 'Get_rates', key: KURSY_ID, api: { name: KURSY_ID, logicalName: KURSY } }, OUTLOOK_CALL]),
    }));
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.equal(ws.customConnectors.length, 1);
    const connector = ws.customConnectors[0]!;
    assert.equal(ws.solutions[0]!.customConnectors[0], connector);
    assert.equal(connector.solution, ws.solutions[0]);
    // 'Default title' is the wizard's placeholder: the record's display name says more.
    assert.deepEqual(
      [connector.logicalName, connector.recordId, connector.title, connector.host, connector.hostKind, connector.basePath, connector.schemes, connector.authTypes, connector.hasCustomCode, connector.apiNames],
      [KURSY, KURSY_RECORD, 'Kursy walut NBP', 'api.nbp.pl', 'literal', '/api/exchangerates', ['https'], ['oauth2'], true, [KURSY_ID]],
    );
    assert.deepEqual(connector.files.map((f) => [f.role, f.path]), [
      ['definition', `Kursy_1_0_0_0.zip!Connector/${KURSY}_openapidefinition.json`],
      ['connection-parameters', `Kursy_1_0_0_0.zip!Connector/${KURSY}_connectionparameters.json`],
      ['policy-templates', `Kursy_1_0_0_0.zip!Connector/${KURSY}_policytemplateinstances.json`],
      ['custom-code', `Kursy_1_0_0_0.zip!Connector/${KURSY}_customcodeblobcontent.csx`],
      ['icon', `Kursy_1_0_0_0.zip!Connector/${KURSY}_iconblob.Jpeg`],
    ]);
    assert.equal(connector.jsonFiles.length, 2);
    assert.match(connector.customCode?.text ?? '', /ScriptBase/);
    assert.equal(connector.at.source.path, `Kursy_1_0_0_0.zip!Connector/${KURSY}_openapidefinition.json`);

    const f = ws.flows[0];
    assert.equal(stepOf(f, 'Get_rates').connector?.custom?.connector, connector);
    assert.equal(stepOf(f, 'Get_rates').connector?.custom?.logicalName, KURSY);
    assert.equal(stepOf(f, 'Send_mail').connector?.id, 'shared_office365');
    assert.equal(stepOf(f, 'Send_mail').connector?.custom, undefined, 'a Microsoft connector is never custom');
  });

  it('reads a pac tree whose paths say /Connector/ while the folder is Connectors/, with the host from an environment variable', async () => {
    const logical = 'cat_human-2din-2dthe-2dloop';
    write(dir, {
      'src/Other/Solution.xml': SOLUTION_XML,
      'src/Other/Customizations.xml': customizations(''),
      [`src/Connectors/${logical}.xml`]: `<?xml version="1.0" encoding="utf-8"?>\n${connectorXml(logical, '{F1215B12-282A-43E5-A2BC-9381C9D4F23B}', 'Human-in-the-Loop', `<iconblob>/Connector/${logical}_iconblob.Png</iconblob>`)}`,
      [`src/Connectors/${logical}_openapidefinition.json`]: definition('Human-in-the-Loop', '@environmentVariables("cat_HitlHostUrl")'),
      [`src/Connectors/${logical}_connectionparameters.json`]: '{}',
      [`src/Connectors/${logical}_policytemplateinstances.json`]: '[]',
      [`src/Connectors/${logical}_iconblob.Png`]: 'png',
    });
    const ws = await loadPaths(['src'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    const connector = ws.customConnectors[0]!;
    assert.deepEqual(
      [connector.logicalName, connector.recordId, connector.title, connector.hostKind, connector.hostVariable, connector.host, connector.authTypes],
      [logical, 'f1215b12-282a-43e5-a2bc-9381c9d4f23b', 'Human-in-the-Loop', 'environment-variable', 'cat_HitlHostUrl', '@environmentVariables("cat_HitlHostUrl")', []],
    );
    assert.deepEqual(connector.files.map((f) => f.role), ['metadata', 'definition', 'connection-parameters', 'policy-templates', 'icon']);
    assert.equal(connector.files[0]!.path, `src/Connectors/${logical}.xml`);
  });

  it('reads an old SolutionPackager tree described by .meta.xml', async () => {
    const logical = 'poweraz_COVIDScreeningAPI';
    write(dir, {
      'solution/Other/Solution.xml': SOLUTION_XML,
      'solution/Other/Customizations.xml': customizations(''),
      [`solution/Connectors/${logical}.meta.xml`]: `<Connector><connectorid>d903d046-4094-46d9-bdd0-bae6af113101</connectorid><displayname>COVID Screening API</displayname><name>${logical}</name><openapidefinition>/Connector/${logical}_openapidefinition.json</openapidefinition></Connector>`,
      [`solution/Connectors/${logical}_openapidefinition.json`]: JSON.stringify({ swagger: '2.0', info: { title: 'COVIDScreeningApi' }, paths: {}, host: 'covidscreeningappapis.azure-api.net' }),
    });
    const ws = await loadPaths(['solution'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.customConnectors.map((c) => [c.logicalName, c.title, c.host, c.basePath]), [[logical, 'COVIDScreeningApi', 'covidscreeningappapis.azure-api.net', undefined]]);
  });

  it('links a flow to a connector another solution carries, by the <customconnectorid> of its connection reference', async () => {
    const logical = 'campa_planner_graph';
    const record = 'aa5c469a-b5dd-4963-917c-66bf35639bb3';
    const apiId = 'shared_campa-campanula-planner-graph-5f2d765a9c3b99d87d';
    write(dir, {
      'Connector/Other/Solution.xml': SOLUTION_XML,
      'Connector/Other/Customizations.xml': customizations(''),
      [`Connector/Connectors/${logical}.xml`]: connectorXml(logical, record, 'Campanula Planner Graph'),
      [`Connector/Connectors/${logical}_openapidefinition.json`]: definition('Campanula Planner Graph', 'graph.microsoft.com'),
      [`Connector/Connectors/${logical}_connectionparameters.json`]: oauthParameters('campa-campanula-planner-graph-5f2d765a9c3b99d87d'),
      [`Connector/Connectors/${logical}_policytemplateinstances.json`]: 'null',
      'Flows/Other/Solution.xml': SOLUTION_XML,
      'Flows/Other/Customizations.xml': customizations('', reference('campa_sharedplannergraph', apiId, record) + reference('campa_sharedoffice365', 'shared_office365')),
      // No api.logicalName here: only the solution's connection reference knows the record.
      'Flows/Workflows/Plan-4310BBF0-474E-F111-BEC7-6045BD9E734A.json': flow([
        { step: 'Create_plan', key: apiId, api: { name: apiId }, referenceLogicalName: 'campa_sharedplannergraph' },
        { ...OUTLOOK_CALL, referenceLogicalName: 'campa_sharedoffice365' },
      ]),
    });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    const flows = ws.solutions.find((s) => s.path === 'Flows')!;
    assert.equal(flows.connectionReferences.get('campa_sharedplannergraph')?.customConnectorId, record);
    assert.equal(flows.connectionReferences.get('campa_sharedoffice365')?.customConnectorId, undefined);
    const linked = stepOf(flows.flows[0], 'Create_plan').connector?.custom?.connector;
    assert.equal(linked?.title, 'Campanula Planner Graph');
    assert.equal(linked?.solution?.path, 'Connector');
    assert.equal(stepOf(flows.flows[0], 'Send_mail').connector?.custom, undefined);
  });

  it('prefers the copy of a connector in the flow\'s own solution', async () => {
    for (const name of ['A', 'B']) {
      writeFileSync(path.join(dir, `${name}.zip`), makeZip({
        'solution.xml': SOLUTION_XML,
        'customizations.xml': customizations(connectorXml(KURSY, KURSY_RECORD, `Kursy ${name}`)),
        [`Connector/${KURSY}_openapidefinition.json`]: definition(`Kursy ${name}`, `${name.toLowerCase()}.nbp.pl`),
        [`Connector/${KURSY}_connectionparameters.json`]: '{}',
        [`Connector/${KURSY}_policytemplateinstances.json`]: '[]',
        ...(name === 'B' ? { 'Workflows/Kursy-8FDE32D5-CF10-ED11-B83D-000D3ADA9E5F.json': flow([{ step: 'Get_rates', key: KURSY_ID, api: { name: KURSY_ID, logicalName: KURSY } }]) } : {}),
      }));
    }
    const ws = await loadPaths(['A.zip', 'B.zip'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.equal(ws.customConnectors.length, 2);
    assert.equal(stepOf(ws.flows[0], 'Get_rates').connector?.custom?.connector?.host, 'b.nbp.pl');
  });

  it('marks a call to a connector that is not in the workspace as custom but unresolved', async () => {
    const missing = 'shared_wd-5fautoreview-5f2bf6af0c4e1b88a0';
    writeFileSync(path.join(dir, 'AutoReview_1_0_0_0.zip'), makeZip({
      'solution.xml': SOLUTION_XML,
      'customizations.xml': customizations(''),
      'Workflows/AutoReview-CD84B1BB-4CD7-EE11-9079-000D3A5A7615.json': flow([
        { step: 'Review', key: missing, api: { name: missing } },
        { step: 'Review_named', key: `${missing}_1`, api: { name: missing, logicalName: 'wd_5Fautoreview' } },
        OUTLOOK_CALL,
      ]),
    }));
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.customConnectors, []);
    const f = ws.flows[0];
    assert.deepEqual(stepOf(f, 'Review').connector?.custom, {}, 'the id has the custom connector shape');
    assert.deepEqual(stepOf(f, 'Review_named').connector?.custom, { logicalName: 'wd_5Fautoreview' });
    assert.equal(stepOf(f, 'Send_mail').connector?.custom, undefined);
  });

  it('records a broken definition and a missing file against their files, and still reads the connector', async () => {
    writeFileSync(path.join(dir, 'Broken.zip'), makeZip({
      'solution.xml': SOLUTION_XML,
      'customizations.xml': customizations(connectorXml(KURSY, KURSY_RECORD, 'Kursy walut NBP')),
      [`Connector/${KURSY}_openapidefinition.json`]: '{"swagger": "2.0", "host": ',
      // The connection parameters file is absent; a blank policy file is no templates, not an error.
      [`Connector/${KURSY}_policytemplateinstances.json`]: '',
    }));
    const ws = await loadPaths(['.'], { cwd: dir });
    const problems = ws.unreadable.map((u) => [u.file, u.message]);
    assert.equal(problems.length, 2, JSON.stringify(problems));
    assert.equal(problems[0]![0], 'Broken.zip!customizations.xml');
    assert.match(problems[0]![1]!, new RegExp(`names /Connector/${KURSY}_connectionparameters.json`));
    assert.equal(problems[1]![0], `Broken.zip!Connector/${KURSY}_openapidefinition.json`);
    assert.match(problems[1]![1]!, /Invalid JSON|end of file/i);
    const connector = ws.customConnectors[0]!;
    assert.deepEqual([connector.title, connector.hostKind, connector.definition], ['Kursy walut NBP', 'missing', undefined]);
    assert.equal(connector.at.source.path, 'Broken.zip!customizations.xml');
  });

  it('reads a paconn folder as a connector of no solution', async () => {
    write(dir, {
      'connector/apiDefinition.swagger.json': definition('Google Ads Custom Connector', 'googleads.googleapis.com', { securityDefinitions: { oauth2_auth: { type: 'oauth2', flow: 'accessCode' } } }),
      'connector/apiProperties.json': JSON.stringify({ properties: { connectionParameters: { token: { type: 'oauthSetting', oAuthSettings: { identityProvider: 'google', redirectUrl: 'https://global.consent.azure-apim.net/redirect' } } }, policyTemplateInstances: [] } }),
    });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.equal(ws.flows.length, 0);
    const connector = ws.customConnectors[0]!;
    assert.deepEqual([connector.title, connector.host, connector.solution, connector.authTypes, connector.apiNames], ['Google Ads Custom Connector', 'googleads.googleapis.com', undefined, ['oauth2'], []]);
    assert.deepEqual(connector.files.map((f) => [f.role, f.path]), [['definition', 'connector/apiDefinition.swagger.json'], ['metadata', 'connector/apiProperties.json']]);
  });

  it('links a flow rebuilt from an editor buffer as the load linked it', async () => {
    const file = 'Workflows/Kursy-8FDE32D5-CF10-ED11-B83D-000D3ADA9E5F.json';
    const text = flow([{ step: 'Get_rates', key: KURSY_ID, api: { name: KURSY_ID, logicalName: KURSY } }]);
    write(dir, {
      'solution.xml': SOLUTION_XML,
      'customizations.xml': customizations(connectorXml(KURSY, KURSY_RECORD, 'Kursy walut NBP')),
      [`Connector/${KURSY}_openapidefinition.json`]: definition('Kursy walut NBP', 'api.nbp.pl'),
      [`Connector/${KURSY}_connectionparameters.json`]: '{}',
      [`Connector/${KURSY}_policytemplateinstances.json`]: '[]',
      [file]: text,
    });
    const ws = await loadPaths(['.'], { cwd: dir });
    const context = contextOf(ws.flows[0]!);
    const rebuilt = rebuildFlow(parseJson(sourceFromText(file, text.replace('Get_rates', 'Get_rates_2'))), context);
    assert.equal(stepOf(rebuilt, 'Get_rates_2').connector?.custom?.connector, ws.customConnectors[0]);
    const alone = rebuildFlow(parseJson(sourceFromText(file, text)));
    assert.deepEqual(stepOf(alone, 'Get_rates').connector?.custom, { logicalName: KURSY }, 'without the load, still known to be custom');
  });
});
