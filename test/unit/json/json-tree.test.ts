import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { decodeText } from '../../../core/artifacts/decode';
import { buildJsonTree } from '../../../core/artifacts/json-tree';
import { MAX_JSON_DEPTH } from '../../../core/artifacts/json';
import { readZip } from '../../../core/artifacts/zip';
import { corpusAvailable, corpusFiles } from '../../helpers/corpus';
import { assertSameTree } from '../../helpers/json-trees';
import { random } from '../../helpers/random';

const ROOT = path.resolve(__dirname, '../../../..');

/** jsonc-parser's tree, as parseJson asked for it before, or undefined when it reports an error. */
function reference(text: string): Node | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return errors.length === 0 ? root : undefined;
}

/** buildJsonTree either declines or builds what jsonc-parser builds from error-free input. */
function check(text: string, label: string): 'built' | 'declined' {
  const fast = buildJsonTree(text, MAX_JSON_DEPTH);
  const slow = reference(text);
  if (!fast) return 'declined';
  assert.ok(slow, `${label}: built a tree from text jsonc-parser finds an error in`);
  assertSameTree(fast, slow, label);
  return 'built';
}

const STRING_PIECES = ['a', 'Z', ' ', '@{x}', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0041', '\\u00e9', '\\uD83D\\uDE00', '\\ud800', 'é', '😀', '\u2028', '\u007f', '[', '{', ':', ','];
const NUMBERS = ['0', '-0', '1', '-12', '3.25', '1e3', '1E+3', '2.5e-7', '123456789012345678901234567890', '1e400', '-0.0', '0.1'];
const SPACES = ['', ' ', '\n', '\r\n', '\t', '  \n  '];

function generate(next: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const ws = () => pick(SPACES);
  const str = () => `"${Array.from({ length: Math.floor(next() * 6) }, () => pick(STRING_PIECES)).join('')}"`;
  const roll = next();
  if (depth > 4 || roll < 0.35) {
    const kind = Math.floor(next() * 4);
    return kind === 0 ? str() : kind === 1 ? pick(NUMBERS) : pick(['true', 'false', 'null']);
  }
  const n = Math.floor(next() * 5);
  if (roll < 0.7) return `{${ws()}${Array.from({ length: n }, () => `${str()}${ws()}:${ws()}${generate(next, depth + 1)}${ws()}`).join(`,${ws()}`)}}`;
  return `[${ws()}${Array.from({ length: n }, () => `${generate(next, depth + 1)}${ws()}`).join(`,${ws()}`)}]`;
}

/** One edit that may break the text: a character dropped, doubled or replaced by a troublesome one. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const odd = ['/', '*', '\u00a0', '\u000b', '\f', '\ufeff', '\u0001', ',', '}', ']', '"', '\\', 'x', '-', '.', 'e', '0', '\u2028'];
  const roll = next();
  if (roll < 0.33) return text.slice(0, at) + text.slice(at + 1);
  if (roll < 0.66) return text.slice(0, at) + text.charAt(at) + text.slice(at);
  return text.slice(0, at) + (odd[Math.floor(next() * odd.length)] as string) + text.slice(at + 1);
}

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.toLowerCase().endsWith('.json') && !rel.split(path.sep).includes('node_modules'))
    .map((rel) => path.join(dir, rel))
    .sort();
}

describe('artifacts/buildJsonTree: the tree jsonc-parser builds, faster', () => {
  it('builds the same tree for every JSON file of the samples and the rule fixtures', () => {
    let built = 0;
    for (const file of [...jsonFilesUnder(path.join(ROOT, 'samples')), ...jsonFilesUnder(path.join(ROOT, 'test', 'fixtures'))]) {
      let text: string;
      try {
        text = decodeText(file, readFileSync(file)).text;
      } catch {
        continue; // not text: the loaders report it before any JSON is parsed
      }
      if (check(text, path.relative(ROOT, file)) === 'built') built++;
    }
    assert.ok(built > 50, `only ${built} files built`);
  });

  it('builds the same tree for generated JSON: escapes, numbers, nesting, every kind of JSON space', () => {
    const next = random(13);
    for (let i = 0; i < 3000; i++) {
      const text = `${SPACES[i % SPACES.length]}${generate(next, 0)}${SPACES[(i >> 2) % SPACES.length]}`;
      assert.equal(check(text, `generated #${i}`), 'built', text);
    }
  });

  it('declines, or builds what jsonc-parser builds, for broken and unusual text', () => {
    const next = random(2024);
    let declined = 0;
    for (let i = 0; i < 6000; i++) {
      const text = mutate(mutate(generate(next, 0), next), next);
      if (check(text, `mutated #${i}: ${JSON.stringify(text)}`) === 'declined') declined++;
    }
    assert.ok(declined > 1000, `only ${declined} declined`);
  });

  it('declines what only jsonc-parser may judge', () => {
    const cases = [
      '', '   ', '{"a":1,}', '[1,]', '{"a":1} // c', '/* c */ {}', '{\u00a0"a": 1}', '\ufeff{}', '{"a":\u000b1}',
      '{"a": "x\ny"}', '{"a": "\u0001"}', '{"a": "\\x"}', '{"a": "\\u12G4"}', '{"a": 01}', '{"a": 1.}', '{"a": .5}',
      '{"a": +1}', '{"a": 1e}', '{"a": tru}', '{"a": truex}', '{"a": 1a}', '{a: 1}', "{'a': 1}", '{"a" 1}', '{"a": 1 "b": 2}',
      '[1] [2]', '{"a": NaN}', '{"a": "unterminated', '[', '{"a":',
    ];
    for (const text of cases) assert.equal(buildJsonTree(text, MAX_JSON_DEPTH), undefined, JSON.stringify(text));
  });

  it('declines nesting past the limit, and builds it up to the limit', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    assert.equal(buildJsonTree(deep(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH), undefined);
    assert.equal(check(deep(MAX_JSON_DEPTH), 'deep'), 'built');
    assert.equal(check(`{"s": "${'['.repeat(1000)}"}`, 'brackets in a string'), 'built');
  });

  it('builds the same tree for every JSON file of the corpus, zip entries included', async function () {
    if (!corpusAvailable()) this.skip();
    this.timeout(300_000);
    let built = 0;
    const checkBytes = (bytes: Uint8Array, label: string): void => {
      let text: string;
      try {
        text = decodeText(label, bytes).text;
      } catch {
        return;
      }
      if (check(text, label) === 'built') built++;
    };
    for (const file of corpusFiles((name) => /\.(json|zip)$/i.test(name))) {
      const bytes = readFileSync(file);
      if (!file.toLowerCase().endsWith('.zip')) {
        checkBytes(bytes, file);
        continue;
      }
      let archive;
      try {
        archive = await readZip(file, bytes);
      } catch {
        continue; // the loaders report a zip they cannot read
      }
      for (const [name, entry] of archive.entries) if (name.toLowerCase().endsWith('.json')) checkBytes(entry, `${file}!${name}`);
    }
    assert.ok(built > 500, `only ${built} corpus files built`);
  });
});
