import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceFromText } from '../core/artifacts/decode';
import { parseJson, type JsonDocument } from '../core/artifacts/json';
import { keepAcrossEdits, reparseJson } from '../core/artifacts/json-reparse';
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
    // The last version's tree, changed in place for this one (json-reparse.ts): that version's
    // flow is then superseded, and whoever still holds it must not read it (isSuperseded).
    const previous = cached?.displayPath === displayPath ? cached.parsed.flow?.doc : undefined;
    const parsed = build(document.getText(), displayPath, context, previous);
    this.cache.set(document.uri, { version: document.version, displayPath, context, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/**
 * Below this size a buffer is parsed whole at each edit: a parse of a few hundred KB takes a
 * millisecond or two. The generated 1 MB flow (1,601 actions) took 8 ms, and its new tree was most
 * of what the collector copied during the edit's lint.
 */
export const REPARSE_MIN_CHARS = 256 * 1024;

const superseded = new WeakSet<JsonDocument>();

/**
 * Whether a flow's document was the last version of a buffer whose tree the next version took
 * over: its nodes now have that version's offsets, so nothing may be read from it any more.
 */
export function isSuperseded(flow: Flow): boolean {
  return superseded.has(flow.doc);
}

function parseBuffer(source: ReturnType<typeof sourceFromText>, previous: JsonDocument | undefined): JsonDocument {
  if (source.text.length < REPARSE_MIN_CHARS) return parseJson(source);
  const doc = reparseBuffer(source, previous) ?? parseJson(source);
  // Its next version is reparsed from it, and analyses of what that edit leaves alone are kept.
  keepAcrossEdits(doc);
  return doc;
}

function reparseBuffer(source: ReturnType<typeof sourceFromText>, previous: JsonDocument | undefined): JsonDocument | undefined {
  if (!previous || superseded.has(previous)) return undefined;
  // The same text (an undo back to it, another context): the same tree, shared and unchanged.
  if (previous.source.text === source.text) return { source, root: previous.root };
  const reparsed = reparseJson(previous, source);
  if (reparsed) superseded.add(previous);
  return reparsed;
}

function build(text: string, displayPath: string, context: FlowContext | undefined, previous?: JsonDocument): ParsedDocument {
  try {
    const flow = rebuildFlow(parseBuffer(sourceFromText(displayPath, text), previous), context);
    return flow ? { flow } : {};
  } catch (error) {
    if (error instanceof ArtifactError) return { error };
    throw error;
  }
}
