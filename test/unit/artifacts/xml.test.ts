import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../../core/artifacts/decode';
import { ArtifactError, createSourceFile } from '../../../core/artifacts/source';
import { attr, attribute, child, children, childText, descendants, parseXml, type XmlElement } from '../../../core/artifacts/xml';
import type { Span } from '../../../core/text/range';
import { CORPUS_DIR, corpusAvailable, corpusFiles } from '../../helpers/corpus';

function parse(text: string) {
  return parseXml(createSourceFile('test.xml', text));
}

function slice(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.offset, span.offset + span.length);
}

function parseError(text: string): ArtifactError {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof ArtifactError, `expected an ArtifactError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the XML to be rejected');
}

function walk(element: XmlElement, visit: (e: XmlElement) => void): void {
  const pending = [element];
  for (let next = pending.pop(); next; next = pending.pop()) {
    visit(next);
    pending.push(...next.children);
  }
}

describe('artifacts/xml', () => {
  describe('tree and spans', () => {
    const text = '<?xml version="1.0"?>\n<Root a="1" B=\'two\'>\n  <Item id="x">hello</Item>\n  <item/>\n  <Other>\n    <Item>deep</Item>\n  </Other>\n</Root>\n';

    it('builds elements with parents, attributes and text', () => {
      const { root } = parse(text);
      assert.equal(root.name, 'Root');
      assert.deepEqual(root.children.map((c) => c.name), ['Item', 'item', 'Other']);
      assert.equal(root.children[0]?.parent, root);
      assert.equal(root.parent, undefined);
      assert.equal(attr(root, 'a'), '1');
      assert.equal(attr(root, 'b'), 'two');
      assert.equal(root.children[0]?.text, 'hello');
    });

    it('gives spans of start tags, attribute values, text and whole elements', () => {
      const { root } = parse(text);
      assert.equal(slice(text, root.span), `<Root a="1" B='two'>`);
      assert.equal(slice(text, attribute(root, 'a')?.span), '1');
      assert.equal(slice(text, attribute(root, 'B')?.span), 'two');
      const item = root.children[0] as XmlElement;
      assert.equal(slice(text, item.span), '<Item id="x">');
      assert.equal(slice(text, item.textSpan), 'hello');
      assert.equal(slice(text, item.outerSpan), '<Item id="x">hello</Item>');
      const empty = root.children[1] as XmlElement;
      assert.equal(slice(text, empty.span), '<item/>');
      assert.equal(slice(text, empty.outerSpan), '<item/>');
      assert.equal(empty.textSpan, undefined);
      assert.equal(root.textSpan, undefined, 'indentation between children is no text');
      assert.ok(slice(text, root.outerSpan)?.endsWith('</Root>'));
    });

    it('matches names without regard to case', () => {
      const { root } = parse(text);
      assert.equal(child(root, 'ITEM')?.text, 'hello');
      assert.equal(children(root, 'item').length, 2);
      assert.deepEqual(descendants(root, 'item').map((e) => e.text), ['hello', '', 'deep']);
      assert.equal(childText(child(root, 'other'), 'item'), 'deep');
      assert.equal(childText(root, 'missing'), undefined);
      assert.equal(child(undefined, 'x'), undefined);
      assert.deepEqual(descendants(undefined, 'x'), []);
    });

    it('trims childText but keeps text as written', () => {
      const { root } = parse('<a><b>\n  value\n</b></a>');
      assert.equal(childText(root, 'b'), 'value');
      assert.equal(child(root, 'b')?.text, '\n  value\n');
    });

    it('gives an empty leaf an empty text span where a value would go', () => {
      const source = '<a><b></b></a>';
      const b = child(parse(source).root, 'b');
      assert.deepEqual(b?.textSpan, { offset: 6, length: 0 });
    });

    it('decodes entities and CDATA while the text span covers the raw source', () => {
      const source = '<a><b x="&lt;&amp;&#x41;">1 &amp; 2</b><c><![CDATA[<raw> & ]]></c><d>x<![CDATA[y]]>z</d></a>';
      const { root } = parse(source);
      const b = child(root, 'b') as XmlElement;
      assert.equal(attr(b, 'x'), '<&A');
      assert.equal(slice(source, attribute(b, 'x')?.span), '&lt;&amp;&#x41;');
      assert.equal(b.text, '1 & 2');
      assert.equal(slice(source, b.textSpan), '1 &amp; 2');
      const c = child(root, 'c') as XmlElement;
      assert.equal(c.text, '<raw> & ');
      assert.equal(slice(source, c.textSpan), '<raw> & ');
      const d = child(root, 'd') as XmlElement;
      assert.equal(d.text, 'xyz');
      assert.equal(slice(source, d.textSpan), 'x<![CDATA[y]]>z');
    });

    it('ignores comments and processing instructions', () => {
      const { root } = parse('<!-- c --><a><!-- inside --><?pi x?><b>t</b></a><!-- after -->');
      assert.deepEqual(root.children.map((c) => c.name), ['b']);
    });
  });

  describe('offsets are UTF-16 indexes into the decoded text', () => {
    it('on CRLF files', () => {
      const source = '<?xml version="1.0"?>\r\n<a>\r\n  <b k="v">x</b>\r\n  <c>\r\nline2\r\n</c>\r\n</a>\r\n';
      const { root } = parse(source);
      const b = child(root, 'b') as XmlElement;
      assert.equal(slice(source, b.span), '<b k="v">');
      assert.equal(slice(source, b.textSpan), 'x');
      assert.deepEqual(createSourceFile('t', source).lines.rangeOf(b.span).start, { line: 2, character: 2 });
      const c = child(root, 'c') as XmlElement;
      assert.equal(c.text, '\nline2\n', 'XML normalises line ends in text');
      assert.equal(slice(source, c.textSpan), '\r\nline2\r\n');
    });

    it('after non-ASCII and astral characters', () => {
      const source = '<a t="é😀">\n  <b>Zürich 😀 日本</b><c x="😀😀">😀</c>\n</a>';
      const { root } = parse(source);
      assert.equal(slice(source, attribute(root, 't')?.span), 'é😀');
      const b = child(root, 'b') as XmlElement;
      assert.equal(slice(source, b.span), '<b>');
      assert.equal(slice(source, b.textSpan), 'Zürich 😀 日本');
      const c = child(root, 'c') as XmlElement;
      assert.equal(slice(source, c.span), '<c x="😀😀">');
      assert.equal(slice(source, attribute(c, 'x')?.span), '😀😀');
      assert.equal(slice(source, c.textSpan), '😀');
    });

    it('after a byte order mark removed by decodeText', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="utf-8"?>\r\n<a><b>1</b></a>')]);
      const source = decodeText('bom.xml', bytes);
      const { root } = parseXml(source);
      assert.equal(slice(source.text, child(root, 'b')?.span), '<b>');
    });

    it('on UTF-16 files', () => {
      const text = '<?xml version="1.0" encoding="utf-16"?>\n<a>ü<b>😀</b></a>';
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const source = decodeText('u16.xml', bytes);
      const b = child(parseXml(source).root, 'b') as XmlElement;
      assert.equal(slice(source.text, b.textSpan), '😀');
    });
  });

  describe('malformed and hostile input', () => {
    it('reports a wrong end tag at the end tag, naming the element left open', () => {
      const source = '<a>\n  <b>text\n</a>';
      const error = parseError(source);
      assert.equal(error.message, 'Invalid XML: </a> does not close the open element <b>.');
      assert.equal(error.file, 'test.xml');
      assert.equal(slice(source, error.span), '</a>');
      assert.deepEqual(error.range.start, { line: 2, character: 0 });
    });

    it('reports an element left open at the end at its start tag', () => {
      const source = '<a>\n  <b>text';
      const error = parseError(source);
      assert.match(error.message, /unclosed tag: b/);
      assert.equal(slice(source, error.span), '<b>');
      assert.deepEqual(error.range.start, { line: 1, character: 2 });
    });

    it('points near the offending character without saxes code-point columns', () => {
      const source = '<a>😀😀 <b x=1/></a>';
      const error = parseError(source);
      assert.match(error.message, /^Invalid XML: unquoted attribute value/);
      assert.ok(error.span.offset >= source.indexOf('x=') && error.span.offset <= source.indexOf('/>'), `offset ${error.span.offset}`);
      assert.doesNotMatch(error.message, /\d+:\d+/);
    });

    for (const [label, source] of [
      ['empty input', ''],
      ['only whitespace', '  \n'],
      ['text only', 'not xml at all'],
      ['JSON', '{"a": 1}'],
      ['a mismatched end tag', '<a><b></a></b>'],
      ['two roots', '<a/><b/>'],
      ['a broken attribute', '<a x="1></a>'],
      ['a truncated comment', '<a><!-- no end'],
      ['a stray ampersand', '<a>fish & chips</a>'],
    ] as const) {
      it(`rejects ${label} with an ArtifactError`, () => {
        const error = parseError(source);
        assert.match(error.message, /^Invalid XML: /);
        assert.ok(error.span.offset >= 0 && error.span.offset + error.span.length <= source.length);
      });
    }

    it('rejects an undefined entity rather than crash', () => {
      assert.match(parseError('<a>&nbsp;</a>').message, /undefined entity/i);
    });

    it('does not expand entities declared in a DOCTYPE (billion laughs)', () => {
      const lol = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE lolz [',
        ' <!ENTITY lol "lol">',
        ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
        ']>',
        '<lolz>&lol9;</lolz>',
      ].join('\n');
      const started = Date.now();
      assert.match(parseError(lol).message, /undefined entity/i);
      assert.ok(Date.now() - started < 1000);
    });

    it('does not resolve external entities (XXE)', () => {
      const xxe = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<foo>&xxe;</foo>';
      assert.match(parseError(xxe).message, /undefined entity/i);
    });

    it('accepts a DOCTYPE that declares nothing used', () => {
      const { root } = parse('<!DOCTYPE a [ <!ENTITY e "x"> ]>\n<a><b>1</b></a>');
      assert.equal(childText(root, 'b'), '1');
    });

    it('survives deep nesting without recursion', () => {
      const depth = 50_000;
      const source = '<e>'.repeat(depth) + '<leaf>x</leaf>' + '</e>'.repeat(depth);
      const { root } = parse(source);
      assert.equal(descendants(root, 'leaf')[0]?.text, 'x');
    });
  });

  describe('real solution files', function () {
    before(function () {
      if (!corpusAvailable()) {
        console.log(`    (skipped: no corpus at ${CORPUS_DIR})`);
        this.skip();
      }
    });

    const kinds = (name: string) =>
      /^(customizations|solution)\.xml$/i.test(name) || name.endsWith('.json.data.xml') || name === 'environmentvariabledefinition.xml';

    it('parses every Customizations.xml, Solution.xml, .json.data.xml and environment variable definition', () => {
      const files = corpusFiles(kinds);
      assert.ok(files.length > 50, `found ${files.length}`);
      for (const file of files) {
        const source = decodeText(path.relative(CORPUS_DIR, file), readFileSync(file));
        const { root } = parseXml(source);
        const name = path.basename(file).toLowerCase();
        const expected = name === 'customizations.xml' ? 'importexportxml' : name === 'solution.xml' ? 'importexportxml' : name.endsWith('.data.xml') ? 'workflow' : 'environmentvariabledefinition';
        assert.equal(root.name.toLowerCase(), expected, file);
        walk(root, (e) => {
          assert.ok(slice(source.text, e.span)?.startsWith(`<${e.name}`), `${file}: span of ${e.name}`);
          assert.ok(slice(source.text, e.span)?.endsWith('>'));
          if (e.textSpan && !/[&<]/.test(slice(source.text, e.textSpan) ?? '')) {
            assert.equal(slice(source.text, e.textSpan)?.replace(/\r\n/g, '\n'), e.text, `${file}: text of ${e.name}`);
          }
          for (const [key, value] of e.attributes) {
            const raw = slice(source.text, value.span) ?? '';
            if (!/[&\t\r\n]/.test(raw)) assert.equal(raw, value.value, `${file}: ${e.name}@${key}`);
          }
        });
      }
    });

    it('finds connection references, flows and environment variables', () => {
      let references = 0;
      for (const file of corpusFiles((n) => n.toLowerCase() === 'customizations.xml')) {
        const { root } = parseXml(decodeText(file, readFileSync(file)));
        for (const ref of descendants(child(root, 'connectionreferences'), 'connectionreference')) {
          assert.ok(attr(ref, 'connectionreferencelogicalname'), file);
          assert.match(childText(ref, 'connectorid') ?? '', /^\/providers\/Microsoft\.PowerApps\/apis\//, file);
          references++;
        }
      }
      assert.ok(references > 10, `found ${references}`);
      for (const file of corpusFiles((n) => n.endsWith('.json.data.xml')).slice(0, 40)) {
        const { root } = parseXml(decodeText(file, readFileSync(file)));
        assert.match(childText(root, 'JsonFileName') ?? '', /^\/Workflows\/.+\.json$/i, file);
        assert.match(childText(root, 'category') ?? '', /^\d+$/, file);
      }
      for (const file of corpusFiles((n) => n === 'environmentvariabledefinition.xml').slice(0, 40)) {
        const { root } = parseXml(decodeText(file, readFileSync(file)));
        assert.ok(attr(root, 'schemaname'), file);
        assert.match(childText(root, 'type') ?? '', /^10000000\d$/, file);
      }
    });
  });
});
