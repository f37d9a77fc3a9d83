import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceFromText } from '../core/artifacts/decode';
import { parseJson } from '../core/artifacts/json';
import { ArtifactError } from '../core/artifacts/source';
import type { Flow } from '../core/model/types';
import { rebuildFlow, type FlowContext } from '../core/workspace/flow-context';

interface Entry {
  version: number;
  context: FlowContext | undefined;
  flow: Flow | undefined;
}

/**
 * The flow model of each open document, built once per version: hover, outline and go to
 * definition ask for it many times between two edits.
 */
export class DocumentFlows {
  private readonly cache = new Map<string, Entry>();

  /** Undefined when the buffer does not parse or is no cloud flow. */
  get(document: TextDocument, displayPath: string, context: FlowContext | undefined): Flow | undefined {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.context === context) return cached.flow;
    const flow = build(document.getText(), displayPath, context);
    this.cache.set(document.uri, { version: document.version, context, flow });
    return flow;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

function build(text: string, displayPath: string, context: FlowContext | undefined): Flow | undefined {
  try {
    return rebuildFlow(parseJson(sourceFromText(displayPath, text)), context);
  } catch (error) {
    if (error instanceof ArtifactError) return undefined;
    throw error;
  }
}
