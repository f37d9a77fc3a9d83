import { maxOf } from '../core/arrays';
/** Inline code that survives backticks in the text (names are the maker's, and may hold any character). */
export function code(text: string): string {
  const longest = maxOf((text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
