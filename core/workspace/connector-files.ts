import { decodeText } from '../artifacts/decode';
import type { JsonDocument } from '../artifacts/json';
import type { SourceFile } from '../artifacts/source';
import type { FileTree } from '../artifacts/tree';
import type { ConnectionParametersSummary } from '../model/connection-parameters';
import { readOpenApiSummary, type OpenApiSummary } from '../model/openapi';
import type { CustomConnector, CustomConnectorFile, Solution, SourceRef } from '../model/types';
import type { Workspace } from './collector';
import type { ComponentRole } from './connector-components';
import { tryReadJson } from './read';

/** A connector component's files, read. */
export interface ComponentFiles {
  definition?: JsonDocument;
  connectionParameters?: JsonDocument;
  /** Connection parameters and policy templates, for the secret rules. */
  jsonFiles: JsonDocument[];
  customCode?: SourceFile;
  files: CustomConnectorFile[];
}

/**
 * Reads one JSON file of a component. Pipelines that keep connection parameters out of source
 * control empty the file (see microsoft/coe-starter-kit#3709), so blank text is no parameters,
 * not an error; anything else that does not parse is recorded against the file.
 */
async function readComponentJson(tree: FileTree, rel: string, ws: Workspace, blankIsEmpty: boolean): Promise<JsonDocument | undefined> {
  const read = await tryReadJson(tree, rel);
  ws.files++;
  if ('doc' in read) return read.doc;
  if (blankIsEmpty && read.source && read.source.text.trim() === '') return undefined;
  ws.fail(tree.label + rel, read.error);
  return undefined;
}

async function readText(tree: FileTree, rel: string, ws: Workspace): Promise<SourceFile | undefined> {
  ws.files++;
  try {
    return decodeText(tree.label + rel, await tree.read(rel));
  } catch (error) {
    ws.fail(tree.label + rel, error);
    return undefined;
  }
}

const ORDER: ComponentRole[] = ['definition', 'connection-parameters', 'policy-templates', 'custom-code', 'icon'];

export async function readComponentFiles(tree: FileTree, paths: Partial<Record<ComponentRole, string>>, ws: Workspace): Promise<ComponentFiles> {
  const read: ComponentFiles = { jsonFiles: [], files: [] };
  for (const role of ORDER) {
    const rel = paths[role];
    if (!rel) continue;
    read.files.push({ role, path: tree.label + rel });
    if (role === 'definition') read.definition = await readComponentJson(tree, rel, ws, false);
    if (role === 'custom-code') read.customCode = await readText(tree, rel, ws);
    if (role === 'connection-parameters' || role === 'policy-templates') {
      const doc = await readComponentJson(tree, rel, ws, true);
      if (doc) read.jsonFiles.push(doc);
      if (doc && role === 'connection-parameters') read.connectionParameters = doc;
    }
  }
  return read;
}

export interface ConnectorParts {
  logicalName: string;
  recordId?: string;
  displayName?: string;
  read: ComponentFiles;
  parameters: ConnectionParametersSummary;
  /** Connector ids known from elsewhere (the solution's connection references). */
  apiNames: string[];
  files: CustomConnectorFile[];
  /** The description's element, used when the definition could not be read. */
  at?: SourceRef;
  solution?: Solution;
}

// The custom connector wizard's placeholder title: the connector record's display name says more.
const PLACEHOLDER_TITLE = 'default title';

function titleOf(parts: ConnectorParts, title: string | undefined): string {
  if (title && title.toLowerCase() !== PLACEHOLDER_TITLE) return title;
  return parts.displayName || title || parts.logicalName;
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}

/** The model of one connector; undefined when neither its definition nor a description could be read. */
export function buildCustomConnector(parts: ConnectorParts): CustomConnector | undefined {
  const definition = parts.read.definition;
  const at: SourceRef | undefined = definition ? { source: definition.source, span: { offset: definition.root.offset, length: definition.root.length } } : parts.at;
  if (!at) return undefined;
  const summary: OpenApiSummary = definition ? readOpenApiSummary(definition) : { hostKind: 'missing', schemes: ['https'], authTypes: [] };
  return {
    logicalName: parts.logicalName,
    recordId: parts.recordId,
    title: titleOf(parts, summary.title),
    host: summary.host,
    hostKind: summary.hostKind,
    hostVariable: summary.hostVariable,
    basePath: summary.basePath,
    schemes: summary.schemes,
    authTypes: [...new Set([...summary.authTypes, ...parts.parameters.authTypes])],
    hasCustomCode: parts.read.customCode !== undefined || parts.files.some((f) => f.role === 'custom-code'),
    apiNames: unique([...parts.parameters.apiNames, ...parts.apiNames]),
    definition,
    jsonFiles: parts.read.jsonFiles,
    customCode: parts.read.customCode,
    files: parts.files,
    at,
    solution: parts.solution,
  };
}
