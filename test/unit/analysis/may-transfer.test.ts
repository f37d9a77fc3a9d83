import * as assert from 'node:assert/strict';
import { flowTransfers, mayTransfer } from '../../../core/analysis/flow-transfers';
import { loadProject } from '../../../core/project/load';
import { loadPaths } from '../../../core/workspace/load-paths';
import type { Flow } from '../../../core/model/types';
import { CORPUS_DIR, requireCorpus } from '../../helpers/corpus';
import { flowFromText } from '../../helpers/fixtures';

const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const CHILD = '11111111-2222-4333-8444-000000000002';
const manual = { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: { text: { type: 'string' } } } } } };
const recurrence = { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } };
const getItems = {
  runAfter: {},
  type: 'OpenApiConnection',
  inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/x', table: 'T' } },
};
const respond = { runAfter: { Get_items: ['Succeeded'] }, type: 'Response', kind: 'PowerApp', inputs: { statusCode: 200, body: { rows: "@{body('Get_items')}" } } };
const call = { runAfter: { Get_items: ['Succeeded'] }, type: 'Workflow', inputs: { host: { workflowReferenceName: CHILD }, body: { text: "@{body('Get_items')}" } } };

function flow(actions: object, triggers: object): Flow {
  return flowFromText(JSON.stringify({ properties: { definition: { $schema: SCHEMA, triggers, actions } } }, null, 2), 'Workflows/Flow.json');
}

const OPTIONS = { policies: [] };
const TENANT_POLICY = 'dlp/cisagov__ScubaGear/4d34e9a48e/PowerShell/ScubaGear/Testing/Unit/PowerShell/CreateReport/CreateReportStubs/ProviderSettingsExport.powerplatform-extract.json';
const TENANT_ENVIRONMENT = 'Default-3c19c757-3b55-411f-b03f-2bcc514a598d';

describe('analysis/mayTransfer: which flows are built again for their transfers', () => {
  it('says no for a flow started by hand that neither answers a caller nor runs a child flow, and its transfers are none', () => {
    const f = flow({ Get_items: getItems }, manual);
    assert.equal(mayTransfer(f), false);
    assert.deepEqual(flowTransfers(f, OPTIONS), { sources: [], transfers: [] });
  });

  it('says yes for a flow a Request trigger starts that answers with a Response, and one that runs a child flow', () => {
    const answers = flow({ Get_items: getItems, Respond: respond }, manual);
    assert.equal(mayTransfer(answers), true);
    const calls = flow({ Get_items: getItems, Run: call }, recurrence);
    assert.equal(mayTransfer(calls), true);
  });

  it('says no for a Response in a flow no caller can run (a Recurrence trigger), as the transfers find none', () => {
    const f = flow({ Get_items: getItems, Respond: respond }, recurrence);
    assert.equal(mayTransfer(f), false);
    assert.deepEqual(flowTransfers(f, OPTIONS), { sources: [], transfers: [] });
  });

  it('on every flow of the corpus, says no only where the transfers are none', async function () {
    requireCorpus(this);
    this.timeout(300_000);
    // A tenant's policy, so that its Business connectors are business sources.
    const tenant = await loadProject({ cwd: CORPUS_DIR, searchFrom: CORPUS_DIR, policies: [TENANT_POLICY], environment: TENANT_ENVIRONMENT });
    assert.ok(tenant.applicable.length > 0);
    const ws = await loadPaths(['.'], { cwd: CORPUS_DIR });
    const flows = [...new Set([...ws.flows, ...ws.solutions.flatMap((s) => s.flows)])];
    let no = 0;
    let some = 0;
    for (const f of flows) {
      if (mayTransfer(f)) {
        if (flowTransfers(f, { policies: tenant.applicable }).transfers.length > 0) some++;
        continue;
      }
      no++;
      assert.deepEqual(flowTransfers(f, { policies: tenant.applicable }), { sources: [], transfers: [] }, f.doc.source.path);
    }
    // The corpus has both kinds: flows that pass data on, and flows that cannot.
    assert.ok(no > 0 && some > 0, `${no} of ${flows.length} flows cannot transfer; ${some} do`);
  });
});
