import * as assert from 'node:assert/strict';
import { endpointOf } from '../../../core/analysis/endpoint';
import { watchedBy, writtenBy } from '../../../core/analysis/trigger-source';
import type { Step } from '../../../core/model/types';
import { flowOf as flow, step } from '../../helpers/action-flows';

// What a step talks to or writes to, as the exfiltration analysis, the endpoint rules and the
// flow outline read it: an endpoint read once per step (and read again when the step's connector
// is resolved again), a data target only for the operations that write or watch.

const api = (c: string) => `/providers/Microsoft.PowerApps/apis/${c}`;
const sql = { runAfter: {}, type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sql', operationId: 'GetItems_V2', apiId: api('shared_sql') }, parameters: { server: 'sql.contoso.com', database: 'Sales', table: 'Orders' } } };
const http = { runAfter: {}, type: 'Http', inputs: { method: 'POST', uri: 'https://api.contoso.com/orders' } };
const sharePoint = (operationId: string) => ({ runAfter: {}, type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sharepointonline', operationId, apiId: api('shared_sharepointonline') }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/x', table: 'Orders' } } });
const dataverse = (operationId: string) => ({ runAfter: {}, type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_commondataserviceforapps', operationId, apiId: api('shared_commondataserviceforapps') }, parameters: { entityName: 'accounts' } } });

describe('analysis: the endpoint and data target of a step', () => {
  it('reads an endpoint once per step, the same answer each time', () => {
    const f = flow({ Query: sql, Post: http });
    const first = endpointOf(step(f, 'Query'));
    assert.deepEqual(first && { value: first.value, literal: first.literal }, { value: 'sql.contoso.com,Sales', literal: true });
    assert.equal(endpointOf(step(f, 'Query')), first);
    assert.equal(endpointOf(step(f, 'Post'))?.value, 'https://api.contoso.com/orders');
  });

  it('reads it again when the step is given another connector', () => {
    const f = flow({ Query: sql });
    const query = step(f, 'Query');
    assert.ok(endpointOf(query));
    // As buildFlow does for a step taken over from the last version whose connection references changed.
    (query as { connector?: Step['connector'] }).connector = { ...(query.connector as NonNullable<Step['connector']>), id: 'shared_excelonlinebusiness' };
    assert.equal(endpointOf(query), undefined);
  });

  it('finds the list or table written only for operations that write, whatever the operation is called', () => {
    const f = flow({
      Create: sharePoint('PostItem'),
      Read: sharePoint('GetItems'),
      Odd: sharePoint('constructor'),
      Proto: sharePoint('__proto__'),
      Add: dataverse('CreateRecord'),
      List: dataverse('ListRecords'),
      OddRecord: dataverse('Constructor'),
    });
    assert.equal(writtenBy(step(f, 'Create'))?.change, 'create');
    assert.equal(writtenBy(step(f, 'Add'))?.key, 'account');
    for (const name of ['Read', 'Odd', 'Proto', 'List', 'OddRecord']) assert.equal(writtenBy(step(f, name)), undefined, name);
    for (const name of ['Create', 'Odd', 'Proto']) assert.equal(watchedBy(step(f, name)), undefined, name);
  });
});
