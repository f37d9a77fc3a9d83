import type { Position, Range, Span } from './range';

/**
 * Maps UTF-16 offsets of a text to LSP positions. Lines end at \n, \r\n or a lone \r,
 * as LSP defines them, so positions stay right on CRLF files and one-line JSON alike.
 */
export class LineIndex {
  // A typed array, filled up to `count`: its storage is off the JavaScript heap, so the young
  // generation's collections never copy it. The language server builds one for each version of
  // an open document (the generated 1 MB flow: 30,000 lines), and an array of numbers grown by
  // push was 0.7 MB of each edit's garbage.
  private starts: Uint32Array;
  private count = 1;

  constructor(private readonly text: string) {
    this.starts = new Uint32Array(Math.max(16, text.length >> 5));
    // indexOf runs natively; most files have far fewer line breaks than characters.
    let cr = text.indexOf('\r');
    let lf = text.indexOf('\n');
    while (cr >= 0 || lf >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        const next = lf === cr + 1 ? lf + 1 : cr + 1;
        this.push(next);
        if (lf === cr + 1) lf = text.indexOf('\n', next);
        cr = text.indexOf('\r', next);
      } else {
        this.push(lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
  }

  private push(start: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = start;
  }

  get lineCount(): number {
    return this.count;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (starts[low] as number) };
  }

  offsetAt(position: Position): number {
    // Past `count` the array holds room, not lines; a line that is no index reads undefined.
    const start = position.line < this.count ? this.starts[position.line] : undefined;
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.offset), end: this.positionAt(span.offset + span.length) };
  }
}
