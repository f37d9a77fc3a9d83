import type { Span } from '../text/range';
import type { XmlAttribute, XmlElement } from './xml';

/**
 * A faster builder of the very tree parseXml builds with saxes, for the plain XML that solution
 * exports are: elements, attributes, text with the five predefined entities and character
 * references, comments and an XML declaration at the start, ASCII names.
 *
 * saxes reads a character at a time through a state machine with events, about 10 MB/s, and
 * solution.xml and the .data.xml beside each flow were a twentieth of a run. This builds the same
 * elements (names, attributes with decoded values and raw spans, children, decoded text, spans,
 * text spans, parents) in one pass. On anything else (a DOCTYPE, CDATA, a processing instruction,
 * a non-ASCII name, a character XML forbids, any error) it returns undefined, and the caller parses
 * with saxes as before, which words the error: for every input the tree, or the error, is what it
 * always was. test/unit/artifacts/xml-tree.test.ts holds the two to the same trees.
 */
export function buildXmlTree(text: string): XmlElement | undefined {
  if (FORBIDDEN.test(text)) return undefined;
  try {
    return new XmlTreeBuilder(text).document();
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

/** Thrown to give up; caught by buildXmlTree only. */
const NOT_PLAIN = new Error('not plain XML');

/** Characters XML does not allow anywhere: controls, U+FFFE, U+FFFF and unpaired surrogates. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The declaration as saxes accepts it, conservatively: version 1.0, an optional encoding and standalone. */
const XML_DECL = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const LT = 60, GT = 62, AMP = 38, SLASH = 47, EQ = 61, DQUOTE = 34, SQUOTE = 39, BANG = 33;
const TAB = 9, LF = 10, CR = 13, SPACE = 32, RBRACKET = 93;

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 /* _ */ || c === 58; /* : */
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 46; /* . */
}

/** An element being built, as parseXml's Open: where its content starts and which text runs it holds. */
interface Open {
  element: XmlElement;
  contentStart: number;
  firstRun?: number;
  lastRunEnd?: number;
}

class XmlTreeBuilder {
  private pos = 0;
  private readonly stack: Open[] = [];
  private root: XmlElement | undefined;

  constructor(private readonly text: string) {}

  document(): XmlElement {
    const text = this.text;
    const decl = text.startsWith('<?') ? XML_DECL.exec(text) : null;
    if (text.startsWith('<?') && !decl) throw NOT_PLAIN;
    if (decl) this.pos = decl[0].length;
    // Before the root: white space and comments only.
    for (;;) {
      this.skipSpace();
      if (text.startsWith('<!--', this.pos)) this.comment();
      else break;
    }
    if (text.charCodeAt(this.pos) !== LT || !isNameStart(text.charCodeAt(this.pos + 1))) throw NOT_PLAIN;
    this.content();
    // After it: the same.
    for (;;) {
      this.skipSpace();
      if (this.pos >= text.length) break;
      if (text.startsWith('<!--', this.pos)) this.comment();
      else throw NOT_PLAIN;
    }
    if (!this.root) throw NOT_PLAIN;
    return this.root;
  }

  private skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** From the root's '<' to its end tag: markup and text runs, as saxes sees them. */
  private content(): void {
    const text = this.text;
    // Where the last piece of markup ended; a text run starts there. After a comment parseXml
    // takes saxes' position at its event, which stands on the comment's last '>': a run's span
    // then starts one character early (its text does not), and so it does here.
    let markupEnd = this.pos;
    let spanStart = this.pos;
    do {
      const lt = text.indexOf('<', this.pos);
      if (lt < 0) throw NOT_PLAIN; // the root is never closed
      if (lt > markupEnd) this.run(markupEnd, lt, spanStart);
      this.pos = lt;
      const next = text.charCodeAt(lt + 1);
      let comment = false;
      if (next === SLASH) this.endTag();
      else if (next === BANG && text.startsWith('<!--', lt)) comment = this.comment();
      else if (isNameStart(next)) this.startTag();
      else throw NOT_PLAIN; // CDATA, a DOCTYPE, a processing instruction, or an error
      markupEnd = this.pos;
      spanStart = comment ? this.pos - 1 : this.pos;
    } while (this.stack.length > 0);
  }

  /** A run of character data text[start, end), decoded into the open element's text; its span starts at `spanStart`. */
  private run(start: number, end: number, spanStart: number): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw NOT_PLAIN;
    const decoded = this.decode(start, end, false);
    top.element.text += decoded;
    if (decoded.trim() === '') return;
    top.firstRun ??= spanStart;
    top.lastRunEnd = end;
  }

  /**
   * Character data or an attribute value, decoded: entities and character references replaced,
   * line ends made '\n' (in an attribute value, and tabs too, a space).
   */
  private decode(start: number, end: number, attribute: boolean): string {
    const text = this.text;
    let out = '';
    let from = start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === AMP) {
        out += text.slice(from, i);
        const semi = text.indexOf(';', i + 1);
        if (semi < 0 || semi >= end) throw NOT_PLAIN;
        out += entity(text.slice(i + 1, semi));
        i = semi;
        from = semi + 1;
      } else if (c === CR) {
        out += text.slice(from, i) + (attribute ? ' ' : '\n');
        if (text.charCodeAt(i + 1) === LF) i++;
        from = i + 1;
      } else if (attribute && (c === LF || c === TAB)) {
        out += `${text.slice(from, i)} `;
        from = i + 1;
      } else if (attribute && c === LT) {
        throw NOT_PLAIN;
      } else if (!attribute && c === GT && text.charCodeAt(i - 1) === RBRACKET && text.charCodeAt(i - 2) === RBRACKET && i - 2 >= start) {
        throw NOT_PLAIN; // ']]>' is not allowed in character data
      }
    }
    return from === start ? text.slice(start, end) : out + text.slice(from, end);
  }

  private name(): string {
    const text = this.text;
    const start = this.pos;
    if (!isNameStart(text.charCodeAt(start))) throw NOT_PLAIN;
    let pos = start + 1;
    while (isNameChar(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    return text.slice(start, pos);
  }

  private startTag(): void {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    const name = this.name();
    const attributes = new Map<string, XmlAttribute>();
    let selfClosing = false;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = text.charCodeAt(this.pos);
      if (c === GT) {
        this.pos++;
        break;
      }
      if (c === SLASH) {
        if (text.charCodeAt(this.pos + 1) !== GT) throw NOT_PLAIN;
        this.pos += 2;
        selfClosing = true;
        break;
      }
      // An attribute must follow white space.
      if (this.pos === before) throw NOT_PLAIN;
      const attrName = this.name();
      this.skipSpace();
      if (text.charCodeAt(this.pos) !== EQ) throw NOT_PLAIN;
      this.pos++;
      this.skipSpace();
      const quote = text.charCodeAt(this.pos);
      if (quote !== DQUOTE && quote !== SQUOTE) throw NOT_PLAIN;
      const open = this.pos;
      const close = text.indexOf(quote === DQUOTE ? '"' : "'", open + 1);
      if (close < 0) throw NOT_PLAIN;
      if (attributes.has(attrName)) throw NOT_PLAIN;
      attributes.set(attrName, { value: this.decode(open + 1, close, true), span: { offset: open + 1, length: close - open - 1 } });
      this.pos = close + 1;
    }
    const end = this.pos;
    const span: Span = { offset: start, length: end - start };
    const parent = this.stack[this.stack.length - 1]?.element;
    const element: XmlElement = { name, attributes, children: [], text: '', span, outerSpan: span };
    if (parent) {
      element.parent = parent;
      parent.children.push(element);
    } else {
      if (this.root) throw NOT_PLAIN; // one root only
      this.root = element;
    }
    if (!selfClosing) this.stack.push({ element, contentStart: end });
  }

  private endTag(): void {
    const text = this.text;
    const endTagStart = this.pos;
    this.pos += 2;
    const name = this.name();
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== GT) throw NOT_PLAIN;
    this.pos++;
    const open = this.stack.pop();
    if (!open || open.element.name !== name) throw NOT_PLAIN;
    const element = open.element;
    const end = this.pos;
    element.outerSpan = { offset: element.span.offset, length: end - element.span.offset };
    if (open.firstRun !== undefined && open.lastRunEnd !== undefined) {
      element.textSpan = { offset: open.firstRun, length: open.lastRunEnd - open.firstRun };
    } else if (element.children.length === 0) {
      element.textSpan = { offset: open.contentStart, length: endTagStart - open.contentStart };
    }
  }

  /** '<!--' to '-->', with no '--' inside, as XML requires; true, for content() to tell. */
  private comment(): true {
    const text = this.text;
    const end = text.indexOf('-->', this.pos + 4);
    if (end < 0) throw NOT_PLAIN;
    const inside = text.slice(this.pos + 4, end);
    if (inside.includes('--') || inside.endsWith('-')) throw NOT_PLAIN;
    this.pos = end + 3;
    return true;
  }
}

/** A predefined entity or a character reference (what is between '&' and ';'), decoded. */
function entity(name: string): string {
  const predefined = PREDEFINED[name];
  if (predefined !== undefined && Object.hasOwn(PREDEFINED, name)) return predefined;
  let code = NaN;
  if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
  const allowed = code === TAB || code === LF || code === CR || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) throw NOT_PLAIN;
  return String.fromCodePoint(code);
}
