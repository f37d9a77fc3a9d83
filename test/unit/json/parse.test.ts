import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { MAX_JSON_DEPTH, parseJson, prop } from '../../../core/artifacts/json';
import { ArtifactError } from '../../../core/artifacts/source';

function parseError(text: string): ArtifactError {
  try {
    parseJson(sourceFromText('x.json', text));
  } catch (error) {
    assert.ok(error instanceof ArtifactError);
    return error;
  }
  assert.fail('expected an ArtifactError');
}

describe('artifacts/parseJson', () => {
  it('keeps offsets right after a BOM', () => {
    const doc = parseJson(sourceFromText('x.json', '\uFEFF{"a": {"b": 1}}'));
    assert.equal(doc.source.hadBom, true);
    const b = prop(doc.root, 'a');
    assert.equal(doc.source.text.slice(b!.offset, b!.offset + b!.length), '{"b": 1}');
  });

  it('reports truncated JSON at the end, naming the problem', () => {
    const error = parseError('{"properties": {"definition": ');
    assert.match(error.message, /^Invalid JSON: /);
    assert.equal(error.range.start.line, 0);
  });

  it('refuses hostile nesting without overflowing the stack', () => {
    const error = parseError('['.repeat(100_000) + ']'.repeat(100_000));
    assert.match(error.message, new RegExp(`nested deeper than ${MAX_JSON_DEPTH}`));
    assert.equal(error.range.start.character, MAX_JSON_DEPTH);
  });

  it('is not fooled by brackets and escaped quotes inside strings', () => {
    const deepInString = `{"s": "${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`;
    assert.doesNotThrow(() => parseJson(sourceFromText('x.json', deepInString)));
  });

  it('calls an empty file empty', () => {
    assert.match(parseError('').message, /empty/);
  });
});
