import type { ClientCapabilities } from 'vscode-languageserver/node';
import type { DocumentFlow } from './session';
import { fileOfDisplayPath } from './paths';
import type { EditTarget } from './workspace-edits';

/** What building the code actions of one document needs from the session and the open documents. */
export interface ActionContext {
  /** The URI the client asked about. */
  uri: string;
  open: DocumentFlow;
  client: ClientCapabilities;
  uriOf(file: string): string;
  /** The version of an open document, or null. */
  versionOf(uri: string): number | null;
  /** An open document's text, else the file's, else undefined. */
  textOf(file: string): string | undefined;
}

/** Where edits to a display path go; undefined for an entry of a zip, which no editor can edit. */
export function targetOf(ctx: ActionContext, displayPath: string): EditTarget | undefined {
  if (displayPath === ctx.open.flow.doc.source.path) return { uri: ctx.uri, version: ctx.versionOf(ctx.uri) };
  const { file, inArchive } = fileOfDisplayPath(displayPath, ctx.open.cwd);
  if (inArchive) return undefined;
  const uri = ctx.uriOf(file);
  return { uri, version: ctx.versionOf(uri) };
}
