import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadPaths } from '../../../core/workspace/load-paths';
import { makeZip } from '../../helpers/make-zip';

const BOM = '\uFEFF';

function solutionFlow(actions: object, refs: object = {}): object {
  return {
    properties: {
      connectionReferences: refs,
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' } },
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
        actions,
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  };
}

const SHAREPOINT_ACTION = {
  Get_items: {
    runAfter: {},
    type: 'OpenApiConnection',
    inputs: { host: { connectionName: 'shared_sharepointonline_1', operationId: 'GetItems' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/hr', table: 'Staff' } },
  },
};

const SOLUTION_XML = `<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml version="9.2"><SolutionManifest><UniqueName>ContosoHR</UniqueName><Version>1.2.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>`;
const CUSTOMIZATIONS_XML = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml><Workflows><Workflow WorkflowId="{0b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d}" Name="Staff sync"><JsonFileName>/Workflows/Staffsync-0B7A1C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D.json</JsonFileName><Category>5</Category></Workflow></Workflows>
<connectionreferences><connectionreference connectionreferencelogicalname="contoso_sp"><connectorid>/providers/Microsoft.PowerApps/apis/shared_sharepointonline</connectorid></connectionreference></connectionreferences></ImportExportXml>`;

describe('workspace/loadPaths', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('joins a raw solution zip flow to customizations.xml connection references, with CRLF and BOM', async () => {
    const flow = solutionFlow(SHAREPOINT_ACTION, {
      shared_sharepointonline_1: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'contoso_sp' } },
    });
    const text = BOM + JSON.stringify(flow, null, 2).replace(/\n/g, '\r\n');
    writeFileSync(path.join(dir, 'ContosoHR_1_2_0_0.zip'), makeZip({
      'solution.xml': SOLUTION_XML,
      'customizations.xml': CUSTOMIZATIONS_XML,
      'Workflows/': '',
      'Workflows/Staffsync-0B7A1C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D.json': text,
    }));
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.equal(ws.flows.length, 1);
    const loaded = ws.flows[0]!;
    assert.equal(loaded.displayName, 'Staff sync');
    assert.equal(loaded.doc.source.path, 'ContosoHR_1_2_0_0.zip!Workflows/Staffsync-0B7A1C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D.json');
    const step = loaded.steps.find((s) => s.name === 'Get_items')!;
    assert.equal(step.connector?.id, 'shared_sharepointonline');
    // Line and column of "Get_items" in the CRLF, BOM-prefixed text, counted as an editor does.
    const position = loaded.doc.source.lines.positionAt(step.nameNode.offset);
    const expectedLine = JSON.stringify(flow, null, 2).split('\n').findIndex((l) => l.includes('"Get_items"'));
    assert.deepEqual(position, { line: expectedLine, character: 8 });
    assert.equal(ws.solutions[0]?.uniqueName, 'ContosoHR');
    assert.equal(ws.solutions[0]?.managed, false);
  });

  it('reads a pac layout folder with sidecars, environment variables and a desktop flow it skips', async () => {
    const root = path.join(dir, 'src');
    mkdirSync(path.join(root, 'Other'), { recursive: true });
    mkdirSync(path.join(root, 'Workflows'));
    mkdirSync(path.join(root, 'environmentvariabledefinitions', 'contoso_ApiKey'), { recursive: true });
    writeFileSync(path.join(root, 'Other', 'Solution.xml'), SOLUTION_XML);
    writeFileSync(path.join(root, 'Other', 'Customizations.xml'), CUSTOMIZATIONS_XML);
    writeFileSync(path.join(root, 'Workflows', 'Sync-11111111-2222-3333-4444-555555555555.json'), JSON.stringify(solutionFlow(SHAREPOINT_ACTION)));
    writeFileSync(path.join(root, 'Workflows', 'Sync-11111111-2222-3333-4444-555555555555.json.data.xml'), '<Workflow WorkflowId="{11111111-2222-3333-4444-555555555555}" Name="Nightly sync"><Category>5</Category></Workflow>');
    writeFileSync(path.join(root, 'Workflows', 'Desk-66666666-2222-3333-4444-555555555555.json'), JSON.stringify({ properties: { definition: { package: 'UEsDBA==' } }, schemaversion: 'ROBIN_20221027' }));
    writeFileSync(path.join(root, 'environmentvariabledefinitions', 'contoso_ApiKey', 'environmentvariabledefinition.xml'), '<environmentvariabledefinition schemaname="contoso_ApiKey"><displayname default="API key"/><type>100000000</type><defaultvalue>abc</defaultvalue></environmentvariabledefinition>');
    writeFileSync(path.join(root, 'environmentvariabledefinitions', 'contoso_ApiKey', 'environmentvariablevalues.json'), `${BOM}{"environmentvariablevalues":{"environmentvariablevalue":{"value":"xyz"}}}`);
    const ws = await loadPaths(['src'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.flows.map((f) => f.displayName), ['Nightly sync']);
    assert.equal(ws.notices.length, 1);
    assert.match(ws.notices[0]!.message, /desktop flow/);
    assert.equal(ws.notices[0]!.file, 'src/Workflows/Desk-66666666-2222-3333-4444-555555555555.json');
    const variable = ws.solutions[0]!.environmentVariables[0]!;
    assert.deepEqual([variable.schemaName, variable.displayName, variable.type, variable.defaultValue, variable.value], ['contoso_ApiKey', 'API key', 'String', 'abc', 'xyz']);
  });

  it('reads a legacy package zip with a one-line definition and directory entries', async () => {
    const definition = {
      name: 'f0e1d2c3-0000-4000-8000-000000000001',
      id: '/providers/Microsoft.Flow/flows/f0e1d2c3-0000-4000-8000-000000000001',
      type: 'Microsoft.Flow/flows',
      properties: {
        displayName: 'Travel request',
        definition: (solutionFlow({}) as { properties: { definition: object } }).properties.definition,
        connectionReferences: {},
      },
    };
    writeFileSync(path.join(dir, 'Travel.zip'), makeZip({
      'manifest.json': '{"schema":"1.0","details":{"displayName":"Travel request"},"resources":{}}',
      'Microsoft.Flow/': '',
      'Microsoft.Flow/flows/': '',
      'Microsoft.Flow/flows/manifest.json': '{"packageSchemaVersion":"1.0","flowAssets":{"assetPaths":["abc123"]}}',
      'Microsoft.Flow/flows/abc123/definition.json': JSON.stringify(definition),
    }));
    const ws = await loadPaths(['Travel.zip'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.flows.map((f) => [f.displayName, f.format]), [['Travel request', 'legacy-definition']]);
  });

  it('reports broken JSON, a damaged zip and an unknown file by name and goes on', async () => {
    mkdirSync(path.join(dir, 'Workflows'));
    writeFileSync(path.join(dir, 'Workflows', 'Broken-11111111-2222-3333-4444-555555555555.json'), '{"properties": {"definition": {"triggers": {');
    writeFileSync(path.join(dir, 'Good.json'), JSON.stringify(solutionFlow({})));
    writeFileSync(path.join(dir, 'damaged.zip'), Buffer.from('PK\u0003\u0004 this is not really a zip'));
    writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    writeFileSync(path.join(dir, 'package.json'), '{"name": "not-a-flow"}');
    const ws = await loadPaths(['.', 'notes.txt'], { cwd: dir });
    assert.equal(ws.flows.length, 1);
    const files = ws.unreadable.map((u) => u.file).sort();
    assert.deepEqual(files, ['Workflows/Broken-11111111-2222-3333-4444-555555555555.json', 'damaged.zip', 'notes.txt']);
    const broken = ws.unreadable.find((u) => u.file.startsWith('Workflows/'))!;
    assert.equal(broken.range.start.line, 0);
    assert.ok(broken.range.start.character > 40, 'points at the end where the JSON stops');
  });

  it('reads a bare workflow definition and a deploymentSettings.json while walking a folder', async () => {
    const definition = (solutionFlow(SHAREPOINT_ACTION) as { properties: { definition: object } }).properties.definition;
    writeFileSync(path.join(dir, 'bare.json'), JSON.stringify(definition));
    mkdirSync(path.join(dir, 'config', 'Prod'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'Prod', 'deploymentSettings.json'), JSON.stringify({
      EnvironmentVariables: [{ SchemaName: 'contoso_ApiBase', Value: 'https://api.contoso.com' }],
      ConnectionReferences: [{ LogicalName: 'contoso_sp', ConnectionId: '', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }],
    }));
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.flows.map((f) => [f.displayName, f.format]), [['bare', 'bare-definition']]);
    assert.deepEqual(ws.deploymentSettings.map((d) => d.environmentVariables.map((v) => v.schemaName)), [['contoso_ApiBase']]);
  });

  it('names a missing path', async () => {
    const ws = await loadPaths(['nowhere'], { cwd: dir });
    assert.equal(ws.unreadable.length, 1);
    assert.match(ws.unreadable[0]!.message, /nowhere: no such file or folder/);
  });

  it('reports a named JSON file that is no flow', async () => {
    writeFileSync(path.join(dir, 'settings.json'), '{"editor.tabSize": 2}');
    const ws = await loadPaths(['settings.json'], { cwd: dir });
    assert.equal(ws.unreadable.length, 1);
    assert.match(ws.unreadable[0]!.message, /Not a Power Automate export/);
  });
});
