// Writes a synthetic pac-layout solution with N flows (for the benchmark and for stress tests).
// Usage: node scripts/generate-workspace.mjs DIR [FLOWS=1000] [ACTIONS_PER_FLOW=20] [FLOWS_PER_SOLUTION]
// With FLOWS_PER_SOLUTION, the flows are spread over solutions DIR/Generated1, DIR/Generated2, ...
// of that many flows each, as a large workspace holds many solutions (the benchmark uses 1,000);
// without it, one solution in DIR/src. Prints the solution folders, one a line. Every flow has
// its own GUID and text and every solution its own unique name, so they can be linted together.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const CONNECTORS = ['shared_sharepointonline', 'shared_office365', 'shared_commondataserviceforapps', 'shared_sql', 'shared_twitter', 'shared_teams'];

function guid(n) {
  const hex = n.toString(16).toUpperCase().padStart(12, '0');
  return `6E1F0C3A-9B2D-EE11-9CBE-${hex}`;
}

function action(i, previous) {
  const connector = CONNECTORS[i % CONNECTORS.length];
  if (i % 7 === 6) {
    return { runAfter: previous ? { [previous]: ['Succeeded'] } : {}, type: 'Http', inputs: { method: 'POST', uri: `https://api${i}.contoso.com/items`, body: `@body('Step_${i - 1}')` } };
  }
  return {
    runAfter: previous ? { [previous]: ['Succeeded'] } : {},
    type: 'OpenApiConnection',
    inputs: {
      host: { connectionName: connector, operationId: 'GetItems', apiId: `/providers/Microsoft.PowerApps/apis/${connector}` },
      parameters: { dataset: 'https://contoso.sharepoint.com/sites/x', table: `List${i}`, '$filter': `Title eq '@{triggerBody()?['text']}'` },
      authentication: "@parameters('$authentication')",
    },
  };
}

export function generateFlow(actions) {
  const top = {};
  let previous;
  for (let i = 0; i < actions; i++) {
    const name = `Step_${i}`;
    if (i % 10 === 9) {
      top[`Scope_${i}`] = { runAfter: previous ? { [previous]: ['Succeeded'] } : {}, type: 'Scope', actions: { [name]: action(i) } };
      previous = `Scope_${i}`;
    } else {
      top[name] = action(i, previous);
      previous = name;
    }
  }
  const refs = Object.fromEntries(CONNECTORS.map((c) => [c, { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: `contoso_${c.replace('_', '')}` }, api: { name: c } }]));
  return {
    properties: {
      connectionReferences: refs,
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: { text: { type: 'string' } } } } } },
        actions: top,
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  };
}

function writeSolution(src, uniqueName, first, count, actions) {
  mkdirSync(path.join(src, 'Other'), { recursive: true });
  mkdirSync(path.join(src, 'Workflows'), { recursive: true });
  writeFileSync(path.join(src, 'Other', 'Solution.xml'), `<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml><SolutionManifest><UniqueName>${uniqueName}</UniqueName><Version>1.0.0.0</Version><Managed>2</Managed></SolutionManifest></ImportExportXml>\n`);
  writeFileSync(path.join(src, 'Other', 'Customizations.xml'), '<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml><connectionreferences /></ImportExportXml>\n');
  // Every flow of a size has the same actions; its templateName (which FlowGuard does not read)
  // makes its text its own, so no cache keyed on content alone can serve one flow for another.
  const text = `\uFEFF${JSON.stringify(generateFlow(actions), null, 2).replace(/\n/g, '\r\n')}`;
  const [head, tail] = text.split('"templateName": ""');
  for (let n = first; n < first + count; n++) {
    writeFileSync(path.join(src, 'Workflows', `Generated${n}-${guid(n)}.json`), `${head}"templateName": "generated-${n}"${tail}`);
  }
}

/**
 * Writes `flows` flows of `actions` actions under `dir`; returns the solution folders, relative
 * to `dir`: ['src'] by default, ['Generated1', 'Generated2', ...] with `perSolution`.
 */
export function generateWorkspace(dir, flows = 1000, actions = 20, { perSolution } = {}) {
  if (!perSolution) {
    writeSolution(path.join(dir, 'src'), 'Generated', 0, flows, actions);
    return ['src'];
  }
  const roots = [];
  for (let first = 0, k = 1; first < flows; first += perSolution, k++) {
    const name = `Generated${k}`;
    writeSolution(path.join(dir, name), name, first, Math.min(perSolution, flows - first), actions);
    roots.push(name);
  }
  return roots;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, flows = '1000', actions = '20', perSolution] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/generate-workspace.mjs DIR [FLOWS] [ACTIONS_PER_FLOW] [FLOWS_PER_SOLUTION]');
    process.exit(2);
  }
  for (const root of generateWorkspace(dir, Number(flows), Number(actions), { perSolution: perSolution ? Number(perSolution) : undefined })) console.log(path.join(dir, root));
}
