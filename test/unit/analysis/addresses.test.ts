import * as assert from 'node:assert/strict';
import { addressesIn } from '../../../core/analysis/addresses';

describe('addressesIn', () => {
  it('finds each address of a recipient list, with its place in the text', () => {
    const text = 'hr@contoso.com; Finance Team <finance@EU.contoso.com>,vendor@supplier-example.org';
    const found = addressesIn(text);
    assert.deepEqual(found.map((a) => [a.address, a.domain, text.slice(a.start, a.end)]), [
      ['hr@contoso.com', 'contoso.com', 'hr@contoso.com'],
      ['finance@EU.contoso.com', 'eu.contoso.com', 'finance@EU.contoso.com'],
      ['vendor@supplier-example.org', 'supplier-example.org', 'vendor@supplier-example.org'],
    ]);
  });

  it('takes a bare @domain only where a local part built at run time comes just before it', () => {
    assert.deepEqual(addressesIn('@fabrikam.com', 'leading').map((a) => a.domain), ['fabrikam.com']);
    assert.deepEqual(addressesIn('@fabrikam.com'), []);
    assert.deepEqual(addressesIn('@odata.type'), []);
    assert.deepEqual(addressesIn('see @odata.type and x@fabrikam.com', 'leading').map((a) => a.address), ['x@fabrikam.com']);
  });

  it('finds nothing in text without an address', () => {
    assert.deepEqual(addressesIn('Daily reminder: the export runs tonight.'), []);
    assert.deepEqual(addressesIn('user@localhost'), []);
  });
});
