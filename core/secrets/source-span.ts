import type { Span } from '../text/range';

/**
 * Maps a range of a decoded value back to the source text it was read from. Escapes make the two
 * differ (`\"`, `\u00e9` in JSON; `&amp;`, CDATA markers and CRLF in XML), so each syntax
 * decodes its raw text once more, keeping for every decoded character the raw offset it came
 * from; if that decoding does not give back the value exactly, the whole value's span is used.
 */
export type SpanMapper = (start: number, end: number) => Span;

type Decoder = (raw: string) => { decoded: string; rawIndex: number[] };

function mapper(text: string, span: Span, value: string, contentStart: number, contentEnd: number, decode: Decoder): SpanMapper {
  const whole: SpanMapper = () => span;
  if (contentStart < span.offset || contentEnd > span.offset + span.length || contentEnd < contentStart) return whole;
  let table: number[] | undefined;
  let valid = true;
  return (start, end) => {
    if (!table && valid) {
      const { decoded, rawIndex } = decode(text.slice(contentStart, contentEnd));
      valid = decoded === value;
      table = rawIndex;
    }
    const from = table?.[start];
    const to = table?.[end];
    if (!valid || from === undefined || to === undefined) return span;
    return { offset: contentStart + from, length: to - from };
  };
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function decodeJsonString(raw: string): { decoded: string; rawIndex: number[] } {
  let decoded = '';
  const rawIndex: number[] = [];
  for (let i = 0; i < raw.length; ) {
    rawIndex.push(i);
    if (raw[i] !== '\\') {
      decoded += raw[i];
      i++;
    } else if (raw[i + 1] === 'u') {
      decoded += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      decoded += JSON_ESCAPES[raw[i + 1] ?? ''] ?? '';
      i += 2;
    }
  }
  rawIndex.push(raw.length);
  return { decoded, rawIndex };
}

/** Spans in a JSON string node (`span` includes its quotes). */
export function jsonStringSpans(text: string, span: Span, value: string): SpanMapper {
  return mapper(text, span, value, span.offset + 1, span.offset + span.length - 1, decodeJsonString);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

function xmlEntity(name: string): string {
  if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
  return XML_ENTITIES[name] ?? '\uFFFD';
}

function decodeXmlText(raw: string): { decoded: string; rawIndex: number[] } {
  let decoded = '';
  const rawIndex: number[] = [];
  const emit = (chars: string, at: number) => {
    for (let k = 0; k < chars.length; k++) rawIndex.push(at);
    decoded += chars;
  };
  for (let i = 0; i < raw.length; ) {
    if (raw.startsWith(CDATA_OPEN, i)) {
      const close = raw.indexOf(CDATA_CLOSE, i + CDATA_OPEN.length);
      const stop = close < 0 ? raw.length : close;
      for (let j = i + CDATA_OPEN.length; j < stop; j++) emit(raw[j] ?? '', j);
      i = close < 0 ? raw.length : close + CDATA_CLOSE.length;
    } else if (raw[i] === '&' && raw.indexOf(';', i) > i) {
      const semi = raw.indexOf(';', i);
      emit(xmlEntity(raw.slice(i + 1, semi)), i);
      i = semi + 1;
    } else if (raw[i] === '\r') {
      emit('\n', i);
      i += raw[i + 1] === '\n' ? 2 : 1;
    } else {
      emit(raw[i] ?? '', i);
      i++;
    }
  }
  rawIndex.push(raw.length);
  return { decoded, rawIndex };
}

/** Spans in the text of an XML element (`span` is the raw text, as XmlElement.textSpan gives it). */
export function xmlTextSpans(text: string, span: Span, value: string): SpanMapper {
  return mapper(text, span, value, span.offset, span.offset + span.length, decodeXmlText);
}
