import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText, sourceFromText } from '../../../core/artifacts/decode';
import { parseXmlWithSaxes, type XmlElement } from '../../../core/artifacts/xml';
import { buildXmlTree } from '../../../core/artifacts/xml-tree';
import { readZip } from '../../../core/artifacts/zip';
import { corpusAvailable, corpusFiles } from '../../helpers/corpus';
import { random } from '../../helpers/random';

const ROOT = path.resolve(__dirname, '../../../..');

/** saxes' tree, or undefined when saxes finds the text not well-formed. */
function reference(text: string): XmlElement | undefined {
  try {
    return parseXmlWithSaxes(sourceFromText('x.xml', text)).root;
  } catch {
    return undefined;
  }
}

/** The same elements: fields in the same order, equal values, parents that are the corresponding elements. */
function assertSameTree(actual: XmlElement, expected: XmlElement, label: string): void {
  const pairs = new Map<XmlElement, XmlElement>([[actual, expected]]);
  const stack: [XmlElement, XmlElement, string][] = [[actual, expected, expected.name]];
  while (stack.length > 0) {
    const [a, e, at] = stack.pop() as [XmlElement, XmlElement, string];
    const where = `${label}: ${at}`;
    assert.deepEqual(Object.keys(a), Object.keys(e), `fields of ${where}`);
    assert.equal(a.name, e.name, `name of ${where}`);
    assert.deepEqual([...a.attributes], [...e.attributes], `attributes of ${where}`);
    assert.equal(a.text, e.text, `text of ${where}`);
    assert.deepEqual(a.span, e.span, `span of ${where}`);
    assert.deepEqual(a.outerSpan, e.outerSpan, `outerSpan of ${where}`);
    assert.equal(a.outerSpan === a.span, e.outerSpan === e.span, `outerSpan identity of ${where}`);
    assert.deepEqual(a.textSpan, e.textSpan, `textSpan of ${where}`);
    assert.equal(a.parent === undefined ? undefined : pairs.get(a.parent), e.parent, `parent of ${where}`);
    assert.equal(a.children.length, e.children.length, `children of ${where}`);
    e.children.forEach((child, i) => {
      pairs.set(a.children[i] as XmlElement, child);
      stack.push([a.children[i] as XmlElement, child, `${at}/${child.name}[${i}]`]);
    });
  }
}

/** buildXmlTree either declines or builds what saxes builds from well-formed text. */
function check(text: string, label: string): 'built' | 'declined' {
  const fast = buildXmlTree(text);
  if (!fast) return 'declined';
  const slow = reference(text);
  assert.ok(slow, `${label}: built a tree from text saxes rejects: ${JSON.stringify(text.slice(0, 300))}`);
  assertSameTree(fast, slow, label);
  return 'built';
}

const NAMES = ['a', 'Workflow', 'x:y', 'b_c', 'd-e.f', 'Name1'];
const TEXTS = ['', ' ', 'hi', '\n  ', '\r\n', '\r', '\t', 'a &amp; b', '&lt;x&gt;', '&quot;&apos;', '&#65;&#x42;', '&#x1F600;', 'é ü', '😀', '\u00a0', ']]', '] ]>', '>', 'x]>', '&#10;'];
const VALUES = ['', 'v', 'a b', 'tab\there', 'line\nend', 'cr\r\nlf', 'lone\rcr', '&amp;&lt;&gt;', '&#9;&#10;&#13;', 'it\'s', 'say "hi"', 'é', '😀', '>'];

function generate(next: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const name = pick(NAMES);
  const attrs = Array.from({ length: Math.floor(next() * 3) }, (_, i) => {
    const value = pick(VALUES);
    const quote = value.includes('"') ? "'" : value.includes("'") ? '"' : pick(['"', "'"]);
    return `${pick([' ', '\n', '\r\n  ', '\t'])}${pick(NAMES)}${i}${pick(['=', ' = '])}${quote}${value}${quote}`;
  }).join('');
  if (depth > 3 || next() < 0.25) return `<${name}${attrs}${pick(['/>', ' />'])}`;
  const parts: string[] = [];
  const n = Math.floor(next() * 4);
  for (let i = 0; i < n; i++) {
    const roll = next();
    if (roll < 0.4) parts.push(pick(TEXTS));
    else if (roll < 0.5) parts.push(pick(['<!-- note -->', '<!---->', '<!-- a - b -->']));
    else parts.push(generate(next, depth + 1));
  }
  return `<${name}${attrs}>${parts.join('')}</${name}${pick(['', ' ', '\n'])}>`;
}

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const odd = ['<', '>', '&', ';', '"', "'", '/', '!', '?', '-', ']', '=', ' ', 'é', '\u0001', '\ufffe', '\ud800', '<![CDATA[x]]>', '<!DOCTYPE a>', '<?pi x?>', '&nbsp;', '--'];
  const roll = next();
  if (roll < 0.33) return text.slice(0, at) + text.slice(at + 1);
  if (roll < 0.66) return text.slice(0, at) + (odd[Math.floor(next() * odd.length)] as string) + text.slice(at);
  return text.slice(0, at) + (odd[Math.floor(next() * odd.length)] as string) + text.slice(at + 1);
}

function xmlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.toLowerCase().endsWith('.xml') && !rel.split(path.sep).includes('node_modules'))
    .map((rel) => path.join(dir, rel))
    .sort();
}

const PROLOGS = ['', '<?xml version="1.0" encoding="utf-8"?>\r\n', '<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n", '<!-- head -->\n', ' \n'];

describe('artifacts/buildXmlTree: the tree saxes gives, faster', () => {
  it('builds the same tree for every XML file of the samples and the test fixtures', () => {
    let built = 0;
    for (const file of [...xmlFilesUnder(path.join(ROOT, 'samples')), ...xmlFilesUnder(path.join(ROOT, 'test', 'fixtures'))]) {
      let text: string;
      try {
        text = decodeText(file, readFileSync(file)).text;
      } catch {
        continue;
      }
      if (check(text, path.relative(ROOT, file)) === 'built') built++;
    }
    assert.ok(built > 5, `only ${built} files built`);
  });

  it('builds the same tree for generated XML: entities, line ends, attributes, comments, astral characters', () => {
    const next = random(7);
    let built = 0;
    for (let i = 0; i < 3000; i++) {
      const text = `${PROLOGS[i % PROLOGS.length]}${generate(next, 0)}${i % 3 === 0 ? '\r\n<!-- tail -->\n' : ''}`;
      if (check(text, `generated #${i}`) === 'built') built++;
    }
    assert.ok(built > 2500, `only ${built} built`);
  });

  it('declines, or builds what saxes builds, for broken and unusual text', () => {
    const next = random(99);
    let declined = 0;
    for (let i = 0; i < 6000; i++) {
      const text = mutate(mutate(`${PROLOGS[i % PROLOGS.length]}${generate(next, 0)}`, next), next);
      if (check(text, `mutated #${i}`) === 'declined') declined++;
    }
    assert.ok(declined > 1000, `only ${declined} declined`);
  });

  it('declines what only saxes may judge', () => {
    const cases = [
      '', ' ', 'text', '<a>', '<a></b>', '<a><b></a></b>', '<a/><b/>', '<a/>x', 'x<a/>', '<a b="1" b="2"/>', '<a b=1/>', '<a b="<"/>',
      '<a>&nbsp;</a>', '<a>&#0;</a>', '<a>&#xD800;</a>', '<a>& b</a>', '<a>]]></a>', '<a><![CDATA[x]]></a>', '<!DOCTYPE a><a/>', '<a><?pi?></a>',
      '<?xml version="1.1"?><a/>', ' <?xml version="1.0"?><a/>', '<a><!-- a -- b --></a>', '<a>\u0001</a>', '<é/>', '<a é="1"/>', '<a b="1"c="2"/>',
      '\ufeff<a/>', '<a/ >', '<a></a >x', '<a\u00a0b="1"/>',
    ];
    for (const text of cases) assert.equal(buildXmlTree(text), undefined, JSON.stringify(text));
  });

  it('builds the same tree for every XML file of the corpus, zip entries included', async function () {
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
    for (const file of corpusFiles((name) => /\.(xml|zip)$/i.test(name))) {
      const bytes = readFileSync(file);
      if (!file.toLowerCase().endsWith('.zip')) {
        checkBytes(bytes, file);
        continue;
      }
      let archive;
      try {
        archive = await readZip(file, bytes);
      } catch {
        continue;
      }
      for (const [name, entry] of archive.entries) if (name.toLowerCase().endsWith('.xml')) checkBytes(entry, `${file}!${name}`);
    }
    assert.ok(built > 500, `only ${built} corpus files built`);
  });
});
