import { decodeJsonString, type DecodedString } from '../expressions/json-string';
import type { Span } from '../text/range';

/**
 * Maps a range of a decoded value back to the source text it was read from. Escapes make the two
 * differ (`\"`, `\u00e9` in JSON; `&amp;`, CDATA markers and CRLF in XML), so the raw text is
 * decoded once more, keeping for every decoded character the offset it came from. If that
 * decoding does not give back the value exactly, the whole value's span is used instead.
 */
export type SpanMapper = (start: number, end: number) => Span;

/** Spans in a JSON string node (`span` includes its quotes), decoded as the expression parser does. */
export function jsonStringSpans(text: string, span: Span, value: string): SpanMapper {
  let decoded: DecodedString | undefined;
  return (start, end) => {
    decoded ??= decodeJsonString({ type: 'string', offset: span.offset, length: span.length }, text);
    if (decoded.text !== value) return span;
    const from = decoded.at(start);
    return { offset: from, length: decoded.at(end) - from };
  };
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

function xmlEntity(name: string): string {
  const code = name.startsWith('#x') || name.startsWith('#X') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? parseInt(name.slice(1), 10) : NaN;
  if (!Number.isNaN(code)) return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  return XML_ENTITIES[name] ?? '\uFFFD';
}

/** Where one decoded character came from in the raw text. */
interface RawRange {
  start: number;
  end: number;
}

/** XML text as the parser decodes it, with the raw range of each decoded character. */
function decodeXmlText(raw: string): { decoded: string; ranges: RawRange[] } {
  let decoded = '';
  const ranges: RawRange[] = [];
  const emit = (chars: string, start: number, end: number) => {
    for (let k = 0; k < chars.length; k++) ranges.push({ start, end });
    decoded += chars;
  };
  for (let i = 0; i < raw.length; ) {
    if (raw.startsWith(CDATA_OPEN, i)) {
      const close = raw.indexOf(CDATA_CLOSE, i + CDATA_OPEN.length);
      const stop = close < 0 ? raw.length : close;
      for (let j = i + CDATA_OPEN.length; j < stop; j++) emit(raw[j] ?? '', j, j + 1);
      i = close < 0 ? raw.length : close + CDATA_CLOSE.length;
    } else if (raw[i] === '&' && raw.indexOf(';', i) > i) {
      const semi = raw.indexOf(';', i);
      emit(xmlEntity(raw.slice(i + 1, semi)), i, semi + 1);
      i = semi + 1;
    } else if (raw[i] === '\r') {
      const end = raw[i + 1] === '\n' ? i + 2 : i + 1;
      emit('\n', i, end);
      i = end;
    } else {
      emit(raw[i] ?? '', i, i + 1);
      i++;
    }
  }
  return { decoded, ranges };
}

/** Spans in the text of an XML element (`span` is the raw text, as XmlElement.textSpan gives it). */
export function xmlTextSpans(text: string, span: Span, value: string): SpanMapper {
  let ranges: RawRange[] | undefined;
  return (start, end) => {
    if (!ranges) {
      const decoded = decodeXmlText(text.slice(span.offset, span.offset + span.length));
      ranges = decoded.decoded === value ? decoded.ranges : [];
    }
    const first = ranges[start];
    const last = ranges[end - 1];
    if (!first || !last || end <= start) return span;
    return { offset: span.offset + first.start, length: last.end - first.start };
  };
}
