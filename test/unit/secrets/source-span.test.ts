import * as assert from 'node:assert/strict';
import { jsonStringSpans, xmlTextSpans } from '../../../core/secrets/source-span';

/** The text a mapped span covers in the file. */
function covered(text: string, span: { offset: number; length: number }): string {
  return text.slice(span.offset, span.offset + span.length);
}

describe('secrets/source-span', () => {
  it('maps a range of a JSON string value through escapes before it', () => {
    const file = '{"body": "{\\"id\\":\\"caf\\u00e9\\",\\"secret\\":\\"Qz7vR2pL9m\\"}"}';
    const value = JSON.parse(file).body as string;
    const node = { offset: file.indexOf('"{'), length: file.lastIndexOf('"') - file.indexOf('"{') + 1 };
    const start = value.indexOf('Qz7');
    assert.equal(covered(file, jsonStringSpans(file, node, value)(start, start + 10)), 'Qz7vR2pL9m');
  });

  it('falls back to the whole string when the value does not match the file', () => {
    const file = '{"a": "abc"}';
    const node = { offset: 6, length: 5 };
    assert.deepEqual(jsonStringSpans(file, node, 'xyz')(0, 1), node);
  });

  it('maps through XML entities, CDATA and CRLF', () => {
    const file = '<v>a&amp;b\r\n<![CDATA[x<y]]>&#x41;SECRET</v>';
    const span = { offset: 3, length: file.indexOf('</v>') - 3 };
    const value = 'a&b\nx<yASECRET';
    const map = xmlTextSpans(file, span, value);
    assert.equal(covered(file, map(value.indexOf('SECRET'), value.length)), 'SECRET');
    assert.equal(covered(file, map(value.indexOf('x<y'), value.indexOf('x<y') + 3)), 'x<y');
    assert.equal(covered(file, map(2, 3)), 'b');
  });

  it('falls back to the whole XML text when decoding differs from the value', () => {
    const file = '<v>abc</v>';
    assert.deepEqual(xmlTextSpans(file, { offset: 3, length: 3 }, 'other')(0, 1), { offset: 3, length: 3 });
  });
});
