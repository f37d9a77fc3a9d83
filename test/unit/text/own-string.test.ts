import * as assert from 'node:assert/strict';
import { ownString, ownStrings } from '../../../core/text/own-string';

describe('text/ownString', () => {
  it('gives an equal string, short or long, sliced or joined', () => {
    const text = JSON.stringify({ name: 'Get_items_from_the_HR_list', note: 'x'.repeat(1000) });
    const sliced = text.slice(9, 35);
    assert.equal(ownString(sliced), 'Get_items_from_the_HR_list');
    assert.equal(ownString('short'), 'short');
    assert.equal(ownString(''), '');
    assert.equal(ownString(`${sliced} and ${sliced}`), `${sliced} and ${sliced}`);
    assert.equal(ownString('😀 é\u0000'.repeat(5)), '😀 é\u0000'.repeat(5));
  });

  it('makes every string of plain data its own in place, keeping the objects', () => {
    const text = `prefix ${'abcdefghijklmnop'.repeat(3)} suffix`;
    const inner = { step: text.slice(7, 40), place: { file: text.slice(0, 20), range: { start: 1, end: 2 } } };
    const value = { name: text.slice(7, 30), items: [inner, 'x', 3, true, null], inner };
    const same = ownStrings(value);
    assert.equal(same, value);
    assert.equal(value.items[0], inner, 'objects stay the same objects');
    assert.deepEqual(value, { name: text.slice(7, 30), items: [inner, 'x', 3, true, null], inner: { step: text.slice(7, 40), place: { file: text.slice(0, 20), range: { start: 1, end: 2 } } } });
  });
});
