import type { Location } from 'vscode-languageserver/node';
import type { Flow } from '../core/model/types';
import { definitionAt } from '../core/protocol/locate';

/** Go to definition inside one flow: the step, variable declaration or parameter a reference names. */
export function definitionLocation(flow: Flow, offset: number, uri: string): Location | undefined {
  const node = definitionAt(flow, offset);
  return node ? { uri, range: flow.doc.source.lines.rangeOf({ offset: node.offset, length: node.length }) } : undefined;
}
