import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { Flow } from '../core/model/types';
import { flowOutline, type OutlineKind, type OutlineNode } from '../core/protocol/outline';

/** Triggers are events; actions are the flow's functions; whatever holds actions is a namespace or module. */
const KIND: Record<OutlineKind, SymbolKind> = {
  trigger: SymbolKind.Event,
  action: SymbolKind.Function,
  scope: SymbolKind.Namespace,
  branch: SymbolKind.Namespace,
  loop: SymbolKind.Module,
  condition: SymbolKind.Module,
  switch: SymbolKind.Module,
};

function symbolOf(node: OutlineNode): DocumentSymbol {
  // LSP requires a name that is not blank; JSON allows a step named "".
  const name = node.name.trim() === '' ? `"${node.name}"` : node.name;
  const symbol: DocumentSymbol = { name, kind: KIND[node.kind], range: node.range, selectionRange: node.selectionRange };
  if (node.detail) symbol.detail = node.detail;
  if (node.children.length > 0) symbol.children = node.children.map(symbolOf);
  return symbol;
}

/** The outline of a flow document as LSP document symbols. */
export function documentSymbols(flow: Flow): DocumentSymbol[] {
  return flowOutline(flow).map(symbolOf);
}
