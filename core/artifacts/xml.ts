import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { pushAll } from '../arrays';
import type { Span } from '../text/range';
import { ArtifactError, createSourceFile, type SourceFile } from './source';
import { buildXmlTree } from './xml-tree';

export interface XmlAttribute {
  /** Entity-decoded value (XML normalises tabs and newlines in attribute values to spaces). */
  value: string;
  /** The raw value between the quotes, so a fix can replace exactly the value. */
  span: Span;
}

export interface XmlElement {
  /** The name as written, prefix included ('xsi:type'); match it with the helpers below. */
  name: string;
  attributes: Map<string, XmlAttribute>;
  children: XmlElement[];
  /** Direct text and CDATA, entity-decoded, line ends normalised to \n as XML requires. */
  text: string;
  /** The whole start tag, '<' to '>'. */
  span: Span;
  /** The start tag through the end tag (equal to `span` for `<x/>`). */
  outerSpan: Span;
  /**
   * Raw source of the text: from the first to the last direct text or CDATA run that is not
   * blank. A leaf with blank or no text gets its whole content (possibly empty, for inserting a
   * value); an element with children and only indentation, or `<x/>`, gets none.
   */
  textSpan?: Span;
  parent?: XmlElement;
}

export interface XmlDocument {
  readonly source: SourceFile;
  readonly root: XmlElement;
}

const CDATA_OPEN = '<![CDATA['.length;
const CDATA_CLOSE = ']]>'.length;

/** An element under construction: where its content starts and which text runs it holds. */
interface Open {
  element: XmlElement;
  contentStart: number;
  firstRun?: number;
  lastRunEnd?: number;
}

/** Thrown from saxes' error handler so that the first error stops the parse at once. */
class Stop {
  constructor(readonly error: Error, readonly offset: number) {}
}

/**
 * Parses solution XML into a small element tree whose spans index `source.text`.
 *
 * saxes reports `position` as an index into the JavaScript string it was given (UTF-16 code
 * units, CRLF counted as two), so writing the whole text as one chunk makes its positions our
 * offsets with no conversion; its `column` counts code points and is not used. saxes never
 * expands entities declared in a DOCTYPE (it only skips the internal subset), so XXE and
 * billion-laughs inputs cannot grow; a reference to such an entity is an undefined-entity error.
 */
export function parseXml(source: SourceFile): XmlDocument {
  // Plain XML gets the same tree faster (xml-tree.ts); anything else is left to saxes.
  const plain = buildXmlTree(source.text);
  return plain ? { source, root: plain } : parseXmlWithSaxes(source);
}

/** parseXml without the fast path: what it always gives for XML that is not plain, and its errors. */
export function parseXmlWithSaxes(source: SourceFile): XmlDocument {
  const text = source.text;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  // Where the last piece of markup ended; a text run starts there.
  let markupEnd = 0;

  const addRun = (start: number, end: number, decoded: string) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    top.element.text += decoded;
    if (decoded.trim() === '') return;
    top.firstRun ??= start;
    top.lastRunEnd = end;
  };

  parser.on('error', (error) => {
    throw new Stop(error, parser.position);
  });
  parser.on('opentagstart', () => {
    // Fired once the name is read; the '<' is the last one before it (names cannot hold '<').
    markupEnd = text.lastIndexOf('<', parser.position - 1);
  });
  let attributes = new Map<string, XmlAttribute>();
  parser.on('attribute', (attr) => {
    // Fired just past the closing quote; a value cannot hold its own quote character raw.
    const close = parser.position - 1;
    const open = text.lastIndexOf(text.charAt(close), close - 1);
    attributes.set(attr.name, { value: attr.value, span: { offset: open + 1, length: close - open - 1 } });
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const end = parser.position;
    const span = { offset: markupEnd, length: end - markupEnd };
    const parent = stack[stack.length - 1]?.element;
    const element: XmlElement = { name: tag.name, attributes, children: [], text: '', span, outerSpan: span };
    attributes = new Map();
    if (parent) {
      element.parent = parent;
      parent.children.push(element);
    } else {
      root = element;
    }
    stack.push({ element, contentStart: end });
    markupEnd = end;
  });
  let lastClosed: XmlElement | undefined;
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const open = stack.pop();
    if (!open) return;
    const end = parser.position;
    const element = open.element;
    lastClosed = element;
    if (!tag.isSelfClosing) {
      const endTagStart = text.lastIndexOf('</', end - 1);
      element.outerSpan = { offset: element.span.offset, length: end - element.span.offset };
      if (open.firstRun !== undefined && open.lastRunEnd !== undefined) {
        element.textSpan = { offset: open.firstRun, length: open.lastRunEnd - open.firstRun };
      } else if (element.children.length === 0) {
        element.textSpan = { offset: open.contentStart, length: endTagStart - open.contentStart };
      }
    }
    markupEnd = end;
  });
  parser.on('text', (decoded) => {
    // Fired on the '<' that ends the run (or at the end of input, outside the root).
    const end = Math.min(parser.position - 1, text.length);
    addRun(markupEnd, end, decoded);
    markupEnd = end;
  });
  parser.on('cdata', (decoded) => {
    const end = parser.position;
    addRun(markupEnd + CDATA_OPEN, end - CDATA_CLOSE, decoded);
    markupEnd = end;
  });
  const skipMarkup = () => {
    markupEnd = parser.position;
  };
  parser.on('comment', skipMarkup);
  parser.on('processinginstruction', skipMarkup);
  parser.on('doctype', skipMarkup);
  parser.on('xmldecl', skipMarkup);

  try {
    parser.write(text).close();
  } catch (thrown) {
    if (!(thrown instanceof Stop)) throw thrown;
    throw invalid(source, thrown, stack[stack.length - 1]?.element, lastClosed);
  }
  if (!root) throw new ArtifactError(source.path, 'Invalid XML: document must contain a root element.', { offset: 0, length: 0 }, source);
  return { source, root };
}

function invalid(source: SourceFile, stop: Stop, innermost: XmlElement | undefined, lastClosed: XmlElement | undefined): ArtifactError {
  const text = source.text;
  // saxes prefixes "line:column: " counted in code points; the span carries the position instead.
  let message = stop.error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
  // saxes stands just past the offending character.
  const at = Math.max(0, Math.min(stop.offset - 1, text.length));
  let span: Span = { offset: at, length: at < text.length ? 1 : 0 };
  if (message.startsWith('unclosed tag') && innermost) {
    // Shown at the start tag left open, not at the end of the file.
    span = innermost.span;
  } else if (message === 'text data outside of root node' && !innermost && !lastClosed) {
    // Nothing opened yet: the file is not XML at all, and its first character says so best.
    const first = Math.max(0, text.search(/\S/));
    span = { offset: first, length: first < text.length ? 1 : 0 };
  } else if (message === 'unexpected close tag') {
    // saxes has just closed the element left open (`lastClosed`) on the way to the wrong end tag.
    const start = text.lastIndexOf('</', at);
    if (start >= 0) {
      span = { offset: start, length: at + 1 - start };
      if (lastClosed) message = `${text.slice(start, at + 1)} does not close the open element <${lastClosed.name}>`;
    }
  }
  return new ArtifactError(source.path, `Invalid XML: ${message}.`, span, source);
}

function sameName(element: XmlElement, name: string): boolean {
  return element.name.toLowerCase() === name.toLowerCase();
}

/** First direct child named `name`, ignoring case (solution exports disagree on case). */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => sameName(c, name));
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => sameName(c, name)) : [];
}

/** All elements named `name` below `element`, in document order (iterative: depth is untrusted). */
export function descendants(element: XmlElement | undefined, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  if (!element) return found;
  const pending: XmlElement[] = [...element.children].reverse();
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (sameName(next, name)) found.push(next);
    for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i] as XmlElement);
  }
  return found;
}

/** Trimmed text of the first child named `name`; undefined when there is no such child. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  return child(element, name)?.text.trim();
}

/** An attribute looked up without regard to case. */
export function attribute(element: XmlElement | undefined, name: string): XmlAttribute | undefined {
  if (!element) return undefined;
  const exact = element.attributes.get(name);
  if (exact) return exact;
  const wanted = name.toLowerCase();
  for (const [key, value] of element.attributes) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function attr(element: XmlElement | undefined, name: string): string | undefined {
  return attribute(element, name)?.value;
}

function shift(element: XmlElement, by: number): void {
  const pending = [element];
  for (let next = pending.pop(); next; next = pending.pop()) {
    next.span = { offset: next.span.offset + by, length: next.span.length };
    next.outerSpan = { offset: next.outerSpan.offset + by, length: next.outerSpan.length };
    if (next.textSpan) next.textSpan = { offset: next.textSpan.offset + by, length: next.textSpan.length };
    for (const a of next.attributes.values()) a.span = { offset: a.span.offset + by, length: a.span.length };
    pushAll(pending, next.children);
  }
}

/**
 * Parses the elements named `name` found anywhere in a large document (customizations.xml can
 * run to megabytes, of which FlowGuard needs two small sections), with spans into the whole text.
 * Each section must be well-formed on its own; the rest of the document is not read.
 */
export function parseXmlSections(source: SourceFile, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const open = new RegExp(`<${name}(?=[\\s/>])`, 'gi');
  const close = new RegExp(`</${name}\\s*>`, 'gi');
  for (let m = open.exec(source.text); m; m = open.exec(source.text)) {
    const start = m.index;
    const tagEnd = source.text.indexOf('>', start);
    if (tagEnd < 0) break;
    let end = tagEnd + 1;
    if (source.text.charAt(tagEnd - 1) !== '/') {
      close.lastIndex = tagEnd;
      const closing = close.exec(source.text);
      end = closing ? closing.index + closing[0].length : source.text.length;
    }
    const fragment = createSourceFile(source.path, source.text.slice(start, end));
    try {
      const element = parseXml(fragment).root;
      shift(element, start);
      found.push(element);
    } catch (error) {
      if (error instanceof ArtifactError) throw new ArtifactError(error.file, error.message, { offset: error.span.offset + start, length: error.span.length }, source);
      throw error;
    }
    open.lastIndex = end;
  }
  return found;
}
