import * as assert from 'node:assert/strict';
import type { Flow } from '../../../core/model/types';
import { definitionAt, locate } from '../../../core/protocol/locate';
import { flowFromText } from '../../helpers/fixtures';

const TEXT = JSON.stringify(
  {
    properties: {
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        parameters: { ApiBase: { type: 'String', defaultValue: '' } },
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } },
        actions: {
          Init_total: { type: 'InitializeVariable', inputs: { variables: [{ name: 'Total', type: 'Integer', value: 0 }] } },
          Get_rows: {
            type: 'OpenApiConnection',
            runAfter: { Init_total: ['Succeeded'] },
            inputs: { host: { connectionName: 'shared_sql', operationId: 'GetItems_V2', apiId: '/providers/Microsoft.PowerApps/apis/shared_sql' } },
          },
          For_each_row: {
            type: 'Foreach',
            foreach: "@body('Get_rows')?['value']",
            runAfter: { Get_rows: ['Succeeded'] },
            actions: {
              Add: { type: 'IncrementVariable', inputs: { name: 'Total', value: "@items('For_each_row')?['amount']" } },
              Post: { type: 'Http', inputs: { method: 'POST', uri: "@{parameters('ApiBase')}/rows", body: "@{item()}-@{variables('Total')}-@{triggerBody()}" } },
            },
          },
        },
      },
    },
  },
  null,
  2,
);

/** Where `needle` first occurs, plus `shift`. */
function at(needle: string, shift = 1): number {
  const offset = TEXT.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return offset + shift;
}

function keyText(flow: Flow, offset: number): string | undefined {
  const node = definitionAt(flow, offset);
  return node ? flow.doc.source.text.slice(node.offset, node.offset + node.length) : undefined;
}

describe('protocol/locate', () => {
  const flow = flowFromText(TEXT);

  it('finds a step by its name key, and by where it names its connector', () => {
    assert.deepEqual(locate(flow, at('"Get_rows": {'))?.kind, 'step');
    const connector = locate(flow, at('"apiId"'));
    assert.equal(connector?.kind, 'connector');
    assert.equal(connector?.kind === 'connector' && connector.step.name, 'Get_rows');
    assert.equal(locate(flow, at('"type": "Http"', 10))?.kind, 'connector', 'the type of a built-in names its connector');
    assert.equal(locate(flow, at('"type": "Http"', 2))?.kind, 'connector', 'and so does its key');
  });

  it('finds the innermost call naming something, and the step holding it', () => {
    const found = locate(flow, at("items('For_each_row')", 3));
    assert.equal(found?.kind, 'reference');
    assert.equal(found?.kind === 'reference' && found.reference.kind, 'loop');
    assert.equal(found?.kind === 'reference' && found.step?.name, 'Add');
  });

  it('leads from body, items, variables, parameters and runAfter to what they name', () => {
    assert.equal(keyText(flow, at("body('Get_rows')", 2)), '"Get_rows"');
    assert.equal(keyText(flow, at("items('For_each_row')", 8)), '"For_each_row"');
    assert.equal(keyText(flow, at("variables('Total')", 12)), '"Total"');
    assert.equal(keyText(flow, at("parameters('ApiBase')", 3)), '"ApiBase"');
    assert.equal(keyText(flow, at('"Init_total": [', 2)), '"Init_total"');
    assert.equal(keyText(flow, at('item()', 1)), '"For_each_row"', 'item() is the innermost loop');
    assert.equal(keyText(flow, at('triggerBody()', 1)), '"manual"');
  });

  it('leads nowhere from a step name or plain text', () => {
    assert.equal(definitionAt(flow, at('"Get_rows": {')), undefined);
    assert.equal(definitionAt(flow, at('"POST"')), undefined);
  });
});
