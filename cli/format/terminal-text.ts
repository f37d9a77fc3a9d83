// Messages and paths carry names taken from the linted files (flow, action, entry names).
// A crafted name could hold escape sequences that rewrite the terminal or bidirectional
// controls that reorder what a reviewer reads, so anything non-printing is shown escaped.
const LINE_BREAKS_AND_TABS = /\r\n|[\r\n\t]/g;
const NON_PRINTING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on one terminal line. */
export function terminalText(text: string): string {
  return text
    .replace(LINE_BREAKS_AND_TABS, ' ')
    .replace(NON_PRINTING, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Width in code points, so a surrogate pair counts once when columns are aligned. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}
