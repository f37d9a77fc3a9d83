import * as assert from 'node:assert/strict';
import { MASK_MAX_SHOWN, maskSecret } from '../../../core/secrets/mask';

describe('secrets/maskSecret', () => {
  it('shows a few leading characters of a long key and an ellipsis', () => {
    assert.equal(maskSecret(`sk-p${'A'.repeat(60)}`), 'sk-p…');
  });

  it('shows at most a quarter of a short secret, and nothing of one under four characters', () => {
    assert.equal(maskSecret('Qz7!vR2#pL9m'), 'Qz7…');
    assert.equal(maskSecret('hunter2'), 'h…');
    assert.equal(maskSecret('abc'), '…');
    assert.equal(maskSecret(''), '…');
  });

  it('never shows more than four characters nor more than a quarter, whatever the length', () => {
    for (let length = 0; length <= 300; length++) {
      const secret = 'k'.repeat(length);
      const shown = maskSecret(secret).length - 1;
      assert.ok(shown <= MASK_MAX_SHOWN && shown <= length / 4, `length ${length} shows ${shown}`);
    }
  });

  it('does not cut a surrogate pair in half', () => {
    assert.equal(maskSecret('abc\u{1F511}defghijklmnop'), 'abc…');
  });
});
