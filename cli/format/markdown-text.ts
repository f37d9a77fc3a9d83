import { visibleControls } from './control-text';

// Markdown that a bot posts to a pull request renders names taken from the linted files (flows,
// actions, files). Escaping keeps such a name from becoming markup (a link, an image, a table
// cell boundary, raw HTML) or from mentioning people: '@team' in a flow name must not page a team.
const MARKUP = /[\\`*_[\]<>|~&#]/g;
const LINE_BREAK = /\r\n|\r|\n/g;
const ZERO_WIDTH_SPACE = '\u200b';
const TAB = /\t/g;

/** Inline text on one line. */
export function mdText(text: string): string {
  return visibleControls(text.replace(LINE_BREAK, ' ').replace(TAB, ' ')).replace(MARKUP, '\\$&').replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** A table cell: line breaks become <br> so the row stays one row. */
export function mdCell(text: string): string {
  return text.split(LINE_BREAK).map(mdText).join('<br>');
}

/** Text inside an HTML element such as <summary>, where Markdown escapes would show. */
export function htmlText(text: string): string {
  return visibleControls(text.replace(LINE_BREAK, ' ').replace(TAB, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
