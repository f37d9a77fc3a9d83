import type { Hover } from 'vscode-languageserver/node';
import { redactText } from '../core/secrets/redact';

/**
 * A hover quotes names and values of the flow (an action named after a token, a URL with its
 * `sig=`): masked as findings are, so a screen share or a recorded session shows no secret.
 */
export function redactHover(hover: Hover | undefined): Hover | null {
  if (!hover) return null;
  const contents = hover.contents;
  if (typeof contents === 'string') return { ...hover, contents: redactText(contents) };
  if (Array.isArray(contents)) return { ...hover, contents: contents.map((c) => (typeof c === 'string' ? redactText(c) : { ...c, value: redactText(c.value) })) };
  return { ...hover, contents: { ...contents, value: redactText(contents.value) } };
}
