import * as assert from 'node:assert/strict';
import { wantsTiering } from '../../../core/runtime/tiering';

describe('runtime/tiering', () => {
  it('raises the interrupt budget on the V8 versions known to have the flag', () => {
    assert.equal(wantsTiering('11.3.244.8-node.33', {}, []), true);
    assert.equal(wantsTiering('12.4.254.21-node.24', {}, []), true);
    assert.equal(wantsTiering('13.6.233.10-node.18', {}, []), true);
  });

  it('leaves other V8 versions alone, since V8 prints an error for a flag it does not know', () => {
    assert.equal(wantsTiering('10.2.154.26-node.26', {}, []), false);
    assert.equal(wantsTiering('14.0.1', {}, []), false);
    assert.equal(wantsTiering('not a version', {}, []), false);
  });

  it('keeps a budget the user set, and V8 defaults when FLOWGUARD_V8_DEFAULTS=1', () => {
    assert.equal(wantsTiering('11.3.244.8', { NODE_OPTIONS: '--interrupt-budget=5000' }, []), false);
    assert.equal(wantsTiering('11.3.244.8', {}, ['--interrupt_budget=5000']), false);
    assert.equal(wantsTiering('11.3.244.8', { FLOWGUARD_V8_DEFAULTS: '1' }, []), false);
    assert.equal(wantsTiering('11.3.244.8', { FLOWGUARD_V8_DEFAULTS: '0' }, []), true);
  });
});
