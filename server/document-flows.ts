import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceFromText } from '../core/artifacts/decode';
import { parseJson } from '../core/artifacts/json';
import { ArtifactError } from '../core/artifacts/source';
import type { Flow } from '../core/model/types';
import { rebuildFlow, type FlowContext } from '../core/workspace/flow-context';

/** A buffer read once: its flow, or that it is other JSON, or why it does not parse. */
export type ParsedDocument = { flow: Flow; error?: undefined } | { flow?: undefined; error?: undefined } | { flow?: undefined; error: ArtifactError };

interface Entry {
  version: number;
  displayPath: string;
  context: FlowContext | undefined;
  parsed: ParsedDocument;
}

/**
 * The flow model of each open document, built once per version and shared by everything that
 * reads it: the lint after an edit, hover, outline, go to definition and the cross-flow index of
 * other documents. One parse per edit, and the analyses memoised on the Flow (perFlow) are made
 * once too, when something first asks for them.
 */
export class DocumentFlows {
  private readonly cache = new Map<string, Entry>();

  /** Undefined when the buffer does not parse or is no cloud flow. */
  get(document: TextDocument, displayPath: string, context: FlowContext | undefined): Flow | undefined {
    return this.parse(document, displayPath, context).flow;
  }

  parse(document: TextDocument, displayPath: string, context: FlowContext | undefined): ParsedDocument {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.context === context && cached.displayPath === displayPath) return cached.parsed;
    const parsed = build(document.getText(), displayPath, context);
    this.cache.set(document.uri, { version: document.version, displayPath, context, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

function build(text: string, displayPath: string, context: FlowContext | undefined): ParsedDocument {
  try {
    const flow = rebuildFlow(parseJson(sourceFromText(displayPath, text)), context);
    return flow ? { flow } : {};
  } catch (error) {
    if (error instanceof ArtifactError) return { error };
    throw error;
  }
}
