import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { at, parseJson } from '../../../core/artifacts/json';
import { applyEdits } from '../../../core/fixes/apply-edits';
import { addArrayItem, insertProperty, setProperty } from '../../../core/fixes/json-edits';
import { detectStyle } from '../../../core/fixes/json-style';

const doc = (text: string) => parseJson(sourceFromText('x.json', text));

/** The text after `build` edits it, checked to still be JSON. */
function edited(text: string, build: (d: ReturnType<typeof doc>) => Parameters<typeof applyEdits>[1]): string {
  const d = doc(text);
  const out = applyEdits(d.source.text, build(d));
  JSON.parse(out);
  return out;
}

describe('fixes/json edits', () => {
  it('detects 2 and 4 spaces, tabs, one-line JSON and CRLF', () => {
    assert.deepEqual(detectStyle('{\n  "a": {\n    "b": 1\n  }\n}\n'), { eol: '\n', indent: '  ' });
    assert.deepEqual(detectStyle('{\r\n    "a": 1\r\n}'), { eol: '\r\n', indent: '    ' });
    assert.deepEqual(detectStyle('{\n\t"a": 1\n}'), { eol: '\n', indent: '\t' });
    assert.deepEqual(detectStyle('{"a":1,"b":[2]}\n'), { eol: '\n' });
  });

  it('adds missing objects on lines of their own, at the indentation and line ending of the file', () => {
    const text = '{\r\n    "step": {\r\n        "type": "Http"\r\n    }\r\n}\r\n';
    const out = edited(text, (d) => setProperty(d, ['step', 'runtimeConfiguration', 'secureData', 'properties'], ['inputs']));
    assert.equal(
      out,
      '{\r\n    "step": {\r\n        "type": "Http",\r\n        "runtimeConfiguration": {\r\n            "secureData": {\r\n                "properties": [\r\n                    "inputs"\r\n                ]\r\n            }\r\n        }\r\n    }\r\n}\r\n',
    );
  });

  it('indents with tabs in a tab-indented file', () => {
    const out = edited('{\n\t"a": {\n\t\t"b": 1\n\t}\n}', (d) => setProperty(d, ['a', 'c'], { d: true }));
    assert.equal(out, '{\n\t"a": {\n\t\t"b": 1,\n\t\t"c": {\n\t\t\t"d": true\n\t\t}\n\t}\n}');
  });

  it('keeps one-line JSON on one line, with its own separators', () => {
    assert.equal(edited('{"a":{"b":1}}', (d) => setProperty(d, ['a', 'c', 'd'], [1, 'x'])), '{"a":{"b":1,"c":{"d":[1,"x"]}}}');
    assert.equal(edited('{"a": {"b": 1}, "e": 2}', (d) => setProperty(d, ['a', 'c'], { d: 1 })), '{"a": {"b": 1, "c": {"d": 1}}, "e": 2}');
  });

  it('opens an empty object of a pretty file onto lines of its own', () => {
    const out = edited('{\n  "runAfter": {},\n  "type": "Scope"\n}', (d) => insertProperty(d, at(d.root, 'runAfter')!, 'Try', ['Failed']));
    assert.equal(out, '{\n  "runAfter": {\n    "Try": [\n      "Failed"\n    ]\n  },\n  "type": "Scope"\n}');
  });

  it('appends array items after the last one, in expanded, one-line and empty arrays', () => {
    assert.equal(edited('{\n  "s": [\n    "Failed"\n  ]\n}', (d) => addArrayItem(d, at(d.root, 's')!, 'TimedOut')), '{\n  "s": [\n    "Failed",\n    "TimedOut"\n  ]\n}');
    assert.equal(edited('{\n  "s": ["Failed"]\n}', (d) => addArrayItem(d, at(d.root, 's')!, 'TimedOut')), '{\n  "s": ["Failed","TimedOut"]\n}');
    assert.equal(edited('{"s":[]}', (d) => addArrayItem(d, at(d.root, 's')!, 'TimedOut')), '{"s":["TimedOut"]}');
  });

  it('replaces an existing value in place', () => {
    assert.equal(edited('{\n  "t": "All",\n  "u": 1\n}', (d) => setProperty(d, ['t'], 'Tenant')), '{\n  "t": "Tenant",\n  "u": 1\n}');
  });

  it('applies edits from the end and refuses overlapping ones', () => {
    const d = doc('{"a":1,"b":2}');
    const edits = [...setProperty(d, ['a'], 10), ...setProperty(d, ['b'], 20)];
    assert.equal(applyEdits(d.source.text, edits), '{"a":10,"b":20}');
    assert.throws(() => applyEdits(d.source.text, [...edits, ...setProperty(d, ['a'], 30)]), /overlap/);
  });
});
