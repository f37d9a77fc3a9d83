import type { FileTree } from '../artifacts/tree';
import { decodeText } from '../artifacts/decode';
import { parseJson, type JsonDocument } from '../artifacts/json';
import { parseXml, parseXmlSections, type XmlDocument, type XmlElement } from '../artifacts/xml';
import type { SourceFile } from '../artifacts/source';
import type { Workspace } from './collector';

/** Reads and parses one entry that belongs to an export; it counts as a file, a failure is recorded. */
export async function readJson(tree: FileTree, rel: string, ws: Workspace): Promise<JsonDocument | undefined> {
  const result = await tryReadJson(tree, rel);
  ws.files++;
  if ('error' in result) ws.fail(tree.label + rel, result.error);
  return 'doc' in result ? result.doc : undefined;
}

export async function readXml(tree: FileTree, rel: string, ws: Workspace): Promise<XmlDocument | undefined> {
  const path = tree.label + rel;
  ws.files++;
  try {
    return parseXml(decodeText(path, await tree.read(rel)));
  } catch (error) {
    ws.fail(path, error);
    return undefined;
  }
}

export type JsonReadResult = { doc: JsonDocument } | { error: unknown; source?: SourceFile };

/** Reads an entry that may or may not be an export; the caller decides whether it counts. */
export async function tryReadJson(tree: FileTree, rel: string): Promise<JsonReadResult> {
  const path = tree.label + rel;
  let source: SourceFile | undefined;
  try {
    source = decodeText(path, await tree.read(rel));
    return { doc: parseJson(source) };
  } catch (error) {
    return { error, source };
  }
}

export interface XmlSections {
  source: SourceFile;
  /** The elements found, by the section name asked for. */
  sections: Map<string, XmlElement[]>;
}

/** Reads only the named sections of a large XML entry (see parseXmlSections). */
export async function readXmlSections(tree: FileTree, rel: string, names: string[], ws: Workspace): Promise<XmlSections | undefined> {
  const path = tree.label + rel;
  ws.files++;
  try {
    const source = decodeText(path, await tree.read(rel));
    return { source, sections: new Map(names.map((name) => [name, parseXmlSections(source, name)])) };
  } catch (error) {
    ws.fail(path, error);
    return undefined;
  }
}
