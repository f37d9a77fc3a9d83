// Writes a synthetic pac-layout solution with N flows (for the benchmark and for stress tests).
// Usage: node scripts/generate-workspace.mjs DIR [FLOWS=1000] [ACTIONS_PER_FLOW=20]
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

export function generateWorkspace(dir, flows = 1000, actions = 20) {
  const src = path.join(dir, 'src');
  mkdirSync(path.join(src, 'Other'), { recursive: true });
  mkdirSync(path.join(src, 'Workflows'), { recursive: true });
  writeFileSync(path.join(src, 'Other', 'Solution.xml'), '<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml><SolutionManifest><UniqueName>Generated</UniqueName><Version>1.0.0.0</Version><Managed>2</Managed></SolutionManifest></ImportExportXml>\n');
  writeFileSync(path.join(src, 'Other', 'Customizations.xml'), '<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml><connectionreferences /></ImportExportXml>\n');
  for (let n = 0; n < flows; n++) {
    const file = path.join(src, 'Workflows', `Generated${n}-${guid(n)}.json`);
    writeFileSync(file, `\uFEFF${JSON.stringify(generateFlow(actions), null, 2).replace(/\n/g, '\r\n')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, flows = '1000', actions = '20'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/generate-workspace.mjs DIR [FLOWS] [ACTIONS_PER_FLOW]');
    process.exit(2);
  }
  generateWorkspace(dir, Number(flows), Number(actions));
}
