import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ZIP_LIMITS } from '../../../core/artifacts/zip-limits';
import { emptyConfig } from '../../../core/config/types';
import { lintWorkspace } from '../../../core/engine/lint-workspace';
import type { Workspace } from '../../../core/workspace/collector';
import { loadPaths } from '../../../core/workspace/load-paths';
import { allRules } from '../../../rules';
import { FileDiagnostics } from '../../../server/workspace-diagnostics';
import { cli } from '../../helpers/cli';
import { makeZip } from '../../helpers/make-zip';

const GUID = 'A2958CA2-6174-F111-AB0F-002248ED884C';
const FLOW_FILE = `Workflows/Intake-${GUID}.json`;

/** A solution cloud flow with an anonymous HTTP trigger (one finding) and a SharePoint step through a connection reference. */
function flowJson(name: string): string {
  const flow = {
    properties: {
      connectionReferences: {
        shared_sharepointonline: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'contoso_sp' }, api: { name: 'shared_sharepointonline' } },
      },
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers: { manual: { type: 'Request', kind: 'Http', inputs: { triggerAuthenticationType: 'All', method: 'POST', schema: {} } } },
        actions: {
          [`Get_${name}`]: {
            runAfter: {},
            type: 'OpenApiConnection',
            inputs: {
              host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
              parameters: { dataset: 'https://contoso.sharepoint.com/sites/hr', table: 'Staff' },
              authentication: "@parameters('$authentication')",
            },
          },
        },
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  };
  // Flows inside solution zips are pretty-printed with CRLF and start with a BOM.
  return `\uFEFF${JSON.stringify(flow, null, 2).replace(/\n/g, '\r\n')}`;
}

const solutionXml = (unique: string, managed = 0): string =>
  `<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml version="9.2"><SolutionManifest><UniqueName>${unique}</UniqueName><Version>1.0.0.0</Version><Managed>${managed}</Managed></SolutionManifest></ImportExportXml>`;

function customizationsXml(refs: string[], workflowFile?: string): string {
  const workflows = workflowFile
    ? `<Workflows><Workflow WorkflowId="{${GUID.toLowerCase()}}" Name="Staff intake"><JsonFileName>/${workflowFile}</JsonFileName><Category>5</Category></Workflow></Workflows>`
    : '';
  const references = refs
    .map((r) => `<connectionreference connectionreferencelogicalname="${r}"><connectorid>/providers/Microsoft.PowerApps/apis/shared_sharepointonline</connectorid></connectionreference>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml>${workflows}<connectionreferences>${references}</connectionreferences></ImportExportXml>`;
}

/** A raw solution zip as Power Platform exports it, with one flow. */
const solutionZip = (unique: string, managed = 0): Uint8Array =>
  makeZip({
    'solution.xml': solutionXml(unique, managed),
    'customizations.xml': customizationsXml(['contoso_sp'], FLOW_FILE),
    '[Content_Types].xml': '<?xml version="1.0" encoding="utf-8"?><Types/>',
    [FLOW_FILE]: flowJson(unique),
  });

/** A certification package: a zip holding solution zips under names with backslashes. */
const packageZip = (inner: Record<string, Uint8Array>): Uint8Array => makeZip(Object.fromEntries(Object.entries(inner).map(([name, bytes]) => [`PkgAssets\\${name}`, bytes])));

function write(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
}

/** How many times each display path was loaded as a flow. */
function flowCounts(ws: Workspace): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const flow of ws.flows) counts[flow.doc.source.path] = (counts[flow.doc.source.path] ?? 0) + 1;
  return counts;
}

describe('workspace: every flow once', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-once-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a zip in a zip in an unpacked solution folder, naming each level in the path', async () => {
    write(dir, {
      'Sol/Other/Solution.xml': solutionXml('ContosoHR'),
      'Sol/Other/Customizations.xml': customizationsXml(['contoso_sp']),
      [`Sol/${FLOW_FILE}`]: flowJson('Unpacked'),
      'Sol/package/Certification.zip': makeZip({ 'package.zip': packageZip({ 'FlowSolution.zip': solutionZip('FlowSolution'), 'ConnectorSolution.zip': makeZip({ 'solution.xml': solutionXml('Connectors'), 'customizations.xml': customizationsXml([]) }) }) }),
    });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.notices, []);
    assert.deepEqual(flowCounts(ws), {
      [`Sol/${FLOW_FILE}`]: 1,
      [`Sol/package/Certification.zip!package.zip!PkgAssets/FlowSolution.zip!${FLOW_FILE}`]: 1,
    });
    const nested = ws.flows.find((f) => f.doc.source.path.includes('!'))!;
    assert.equal(nested.displayName, 'Staff intake');
    assert.equal(nested.steps.find((s) => s.name === 'Get_FlowSolution')?.connector?.id, 'shared_sharepointonline');
    assert.deepEqual(ws.solutions.map((s) => s.uniqueName).sort(), ['Connectors', 'ContosoHR', 'FlowSolution']);
  });

  it('loads a folder holding both layouts as one solution, with the connection references of both', async () => {
    write(dir, {
      'Dual/solution.xml': solutionXml('ContosoHR'),
      'Dual/customizations.xml': customizationsXml(['contoso_sp'], FLOW_FILE),
      'Dual/Other/Solution.xml': solutionXml('ContosoHR'),
      'Dual/Other/Customizations.xml': customizationsXml(['contoso_sp', 'contoso_outlook']),
      [`Dual/${FLOW_FILE}`]: flowJson('Dual'),
      [`Dual/${FLOW_FILE}.data.xml`]: `<Workflow WorkflowId="{${GUID}}" Name="Staff intake"><Category>5</Category></Workflow>`,
    });
    const ws = await loadPaths(['Dual'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(flowCounts(ws), { [`Dual/${FLOW_FILE}`]: 1 });
    assert.equal(ws.solutions.length, 1);
    assert.deepEqual([...ws.solutions[0]!.connectionReferences.keys()].sort(), ['contoso_outlook', 'contoso_sp']);
    assert.equal(ws.flows[0]!.displayName, 'Staff intake');
  });

  it('lints a flow file lying outside Workflows/ as a flow of its solution, and stays quiet about other JSON there', async () => {
    write(dir, {
      'flow/solution.xml': solutionXml('GoogleAds'),
      'flow/customizations.xml': customizationsXml(['contoso_sp'], FLOW_FILE),
      [`flow/${FLOW_FILE}`]: flowJson('InWorkflows'),
      'flow/Intake.json': flowJson('Beside'),
      'flow/Connector/new_x_openapidefinition.json': '{"swagger": "2.0", "info": {"title": "X"}, "host": "api.contoso.com", "paths": {}}',
      'flow/Connector/new_x_connectionparameters.json': '{"api_key": {"type": "securestring"}}',
      'flow/package.json': '{"name": "not-a-flow"}',
    });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.notices, []);
    assert.deepEqual(flowCounts(ws), { [`flow/${FLOW_FILE}`]: 1, 'flow/Intake.json': 1 });
    const beside = ws.flows.find((f) => f.doc.source.path === 'flow/Intake.json')!;
    assert.equal(ws.solutions[0]!.flows.includes(beside), true, 'the copy belongs to the solution');
    assert.equal(beside.steps.find((s) => s.name === 'Get_Beside')?.connector?.id, 'shared_sharepointonline');
  });

  it('keeps the same flow in two files as two results: managed and unmanaged zips, a zip next to its unpacked tree', async () => {
    write(dir, {
      'ContosoHR_1_0_0_0.zip': solutionZip('ContosoHR'),
      'ContosoHR_1_0_0_0_managed.zip': solutionZip('ContosoHR', 1),
      'src/solution.xml': solutionXml('ContosoHR'),
      'src/customizations.xml': customizationsXml(['contoso_sp'], FLOW_FILE),
      [`src/${FLOW_FILE}`]: flowJson('ContosoHR'),
      'src/ContosoHR_1_0_0_0.zip': solutionZip('ContosoHR'),
    });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(flowCounts(ws), {
      [`ContosoHR_1_0_0_0.zip!${FLOW_FILE}`]: 1,
      [`ContosoHR_1_0_0_0_managed.zip!${FLOW_FILE}`]: 1,
      [`src/${FLOW_FILE}`]: 1,
      [`src/ContosoHR_1_0_0_0.zip!${FLOW_FILE}`]: 1,
    });
  });

  it('names a zip nested past the depth limit and the limit, and lints the rest', async () => {
    const depth = DEFAULT_ZIP_LIMITS.maxDepth;
    let nest = solutionZip('TooDeep');
    for (let level = depth + 1; level > 2; level--) nest = makeZip({ [`level${level}.zip`]: nest });
    write(dir, { 'outer.zip': makeZip({ 'solution.xml': solutionXml('Outer'), 'customizations.xml': customizationsXml(['contoso_sp'], FLOW_FILE), [FLOW_FILE]: flowJson('Outer'), 'level2.zip': nest }) });
    const ws = await loadPaths(['outer.zip'], { cwd: dir });
    assert.deepEqual(flowCounts(ws), { [`outer.zip!${FLOW_FILE}`]: 1 });
    const deepest = ['outer.zip', ...Array.from({ length: depth }, (_, i) => `level${i + 2}.zip`)].join('!');
    assert.deepEqual(ws.unreadable.map((u) => u.file), [deepest]);
    assert.match(ws.unreadable[0]!.message, new RegExp(`nested ${depth + 1} archives deep; FlowGuard opens zips at most ${depth} deep`));
  });

  it('reads a zip exactly at the depth limit', async () => {
    let nest = solutionZip('Deepest');
    for (let level = DEFAULT_ZIP_LIMITS.maxDepth; level > 1; level--) nest = makeZip({ [`level${level}.zip`]: nest });
    write(dir, { 'outer.zip': nest });
    const ws = await loadPaths(['outer.zip'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.equal(ws.flows.length, 1);
  });

  it('names a damaged zip inside a zip and still lints the outer one', async () => {
    write(dir, { 'Sol.zip': makeZip({ 'solution.xml': solutionXml('Outer'), 'customizations.xml': customizationsXml(['contoso_sp'], FLOW_FILE), [FLOW_FILE]: flowJson('Outer'), 'Assets\\broken.zip': 'PK\u0003\u0004 not really a zip' }) });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(flowCounts(ws), { [`Sol.zip!${FLOW_FILE}`]: 1 });
    assert.deepEqual(ws.unreadable.map((u) => u.file), ['Sol.zip!Assets/broken.zip']);
    assert.match(ws.unreadable[0]!.message, /^Sol\.zip!Assets\/broken\.zip: /);
  });

  it('notes a zip met in a folder walk that holds no export, and errs on one named', async () => {
    write(dir, { 'docs/screenshots.zip': makeZip({ 'a.png': 'png' }), 'inner/holder.zip': makeZip({ 'readme.txt': 'x', 'nothing.zip': makeZip({ 'b.txt': 'y' }) }) });
    const ws = await loadPaths(['.'], { cwd: dir });
    assert.deepEqual(ws.unreadable, []);
    assert.deepEqual(ws.notices.map((n) => n.file), ['docs/screenshots.zip', 'inner/holder.zip!nothing.zip']);
    assert.match(ws.notices[0]!.message, /^Skipped this zip: it is neither a solution zip \(solution\.xml\) nor a legacy export package/);
    const named = await loadPaths(['docs/screenshots.zip'], { cwd: dir });
    assert.match(named.unreadable[0]?.message ?? '', /docs\/screenshots\.zip is neither a solution zip/);
  });

  it('counts in the JSON summary each flow linted, and points SARIF and GitHub annotations at the outer archive', async () => {
    write(dir, {
      'Sol/Other/Solution.xml': solutionXml('ContosoHR'),
      [`Sol/${FLOW_FILE}`]: flowJson('Unpacked'),
      'Sol/Intake.json': flowJson('Beside'),
      'Sol/Certification.zip': makeZip({ 'package.zip': packageZip({ 'FlowSolution.zip': solutionZip('FlowSolution') }) }),
    });
    const json = JSON.parse((await cli(['--format', 'json', '.'], dir)).stdout) as { summary: { flows: number }; results?: unknown };
    assert.equal(json.summary.flows, 3);

    const sarif = JSON.parse((await cli(['--format', 'sarif', '.'], dir)).stdout) as {
      runs: { artifacts: { location: { uri: string }; parentIndex?: number }[]; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; index?: number } } }[] }[] }[];
    };
    const run = sarif.runs[0]!;
    const anonymous = run.results.filter((r) => r.ruleId === 'exfiltration/anonymous-http-trigger');
    assert.deepEqual(anonymous.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri).sort(), ['Sol/Certification.zip', 'Sol/Intake.json', `Sol/${FLOW_FILE}`]);
    assert.deepEqual(run.artifacts.filter((a) => a.parentIndex !== undefined).map((a) => a.location.uri), ['package.zip', 'PkgAssets/FlowSolution.zip', FLOW_FILE]);

    const github = (await cli(['--format', 'github', '.'], dir)).stdout;
    assert.match(github, /^::warning file=Sol\/Certification\.zip,line=1,.*\(in package\.zip!PkgAssets\/FlowSolution\.zip!Workflows\/Intake-[^ ]+ at line \d+, column \d+\)/m);
  });

  it('puts the language server\'s diagnostics for a flow in a nested zip on the outer archive, naming the entry', async () => {
    write(dir, { 'Sol/Certification.zip': makeZip({ 'package.zip': packageZip({ 'FlowSolution.zip': solutionZip('FlowSolution') }) }) });
    const ws = await loadPaths(['.'], { cwd: dir });
    const result = lintWorkspace(ws, { config: emptyConfig(dir), policies: [], applicable: [], policyFiles: [] }, allRules);
    const diagnostics = new FileDiagnostics({ cwd: dir, related: true, uriOf: (file) => file });
    diagnostics.findings(result.findings);
    assert.deepEqual([...diagnostics.byFile.keys()], [path.join(dir, 'Sol', 'Certification.zip')]);
    const anonymous = diagnostics.byFile.get(path.join(dir, 'Sol', 'Certification.zip'))!.find((d) => d.code === 'exfiltration/anonymous-http-trigger')!;
    assert.deepEqual(anonymous.range.start, { line: 0, character: 0 });
    assert.match(String(anonymous.message), new RegExp(`^package\\.zip!PkgAssets/FlowSolution\\.zip!${FLOW_FILE.replace(/\./g, '\\.')}:\\d+:\\d+: `));
  });
});
