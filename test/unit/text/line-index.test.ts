import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../core/text/line-index';

describe('text/LineIndex', () => {
  it('counts lines ending in \\n, \\r\\n and a lone \\r as LSP does', () => {
    for (const text of ['a\r\nb\nc\rd', '\r\n\r\n', '\n\r', 'abc', '', '\r', 'x\r\r\ny\n']) {
      assert.equal(new LineIndex(text).lineCount, text.split(/\r\n|\r|\n/).length, JSON.stringify(text));
    }
  });

  it('maps offsets to positions and back on CRLF text', () => {
    const text = '{\r\n  "a": 1,\r\n  "b": 2\r\n}';
    const index = new LineIndex(text);
    const offset = text.indexOf('"b"');
    assert.deepEqual(index.positionAt(offset), { line: 2, character: 2 });
    assert.equal(index.offsetAt({ line: 2, character: 2 }), offset);
  });

  it('counts characters in UTF-16 code units, as editors do', () => {
    const text = '{"name": "😀 ✓", "x": 1}';
    assert.deepEqual(new LineIndex(text).positionAt(text.indexOf('"x"')), { line: 0, character: 17 });
  });

  it('holds every line of a text of short lines (more than its first guess of room), and no line past the last', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? '' : `l${i}`));
    const text = lines.join('\n');
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 5000);
    let offset = 0;
    for (let line = 0; line < lines.length; line += 499) {
      offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
      assert.deepEqual(index.positionAt(offset), { line, character: 0 });
      assert.equal(index.offsetAt({ line, character: 0 }), offset);
    }
    for (const line of [5000, 9999, -1, 1.5]) assert.equal(index.offsetAt({ line, character: 0 }), text.length, String(line));
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  });
});
