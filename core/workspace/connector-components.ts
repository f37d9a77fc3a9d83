import type { FileTree } from '../artifacts/tree';
import { childText, type XmlElement } from '../artifacts/xml';
import type { CustomConnectorFile, SourceRef } from '../model/types';

export type ComponentRole = Exclude<CustomConnectorFile['role'], 'metadata'>;

/** A <Connector> element: in customizations.xml (raw layout) or a file of its own (pac layout). */
export interface ConnectorDescription {
  logicalName?: string;
  recordId?: string;
  displayName?: string;
  /** File paths by role as the XML writes them ('/Connector/x_openapidefinition.json'). */
  paths: Partial<Record<ComponentRole, string>>;
  at: SourceRef;
  /** The description's own file (pac layout), relative to the tree. */
  rel?: string;
}

/** One custom connector's files in a solution, found by name and by what its description says. */
export interface ConnectorComponent {
  logicalName: string;
  description?: ConnectorDescription;
  files: Partial<Record<ComponentRole, string>>;
  /** Paths the description names that the solution does not hold. */
  missing: string[];
}

// Column names of the connector table, as exported
// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector).
const PATH_ELEMENTS: [string, ComponentRole][] = [
  ['openapidefinition', 'definition'],
  ['connectionparameters', 'connection-parameters'],
  ['connectionparametersets', 'connection-parameters'],
  ['policytemplateinstances', 'policy-templates'],
  ['customcodeblobcontent', 'custom-code'],
  ['iconblob', 'icon'],
];

export function describeConnector(el: XmlElement, at: SourceRef, rel?: string): ConnectorDescription {
  const paths: Partial<Record<ComponentRole, string>> = {};
  for (const [element, role] of PATH_ELEMENTS) {
    const value = childText(el, element);
    if (value && !paths[role]) paths[role] = value;
  }
  return {
    logicalName: childText(el, 'name') || undefined,
    recordId: childText(el, 'connectorid')?.replace(/[{}]/g, '').toLowerCase() || undefined,
    displayName: childText(el, 'displayname') || undefined,
    paths,
    at,
    rel,
  };
}

// Files are named '<logical name>_<column>'; icons are '_iconblob.<ext>' or, hand-written, '_icon.<ext>'.
const FILE_ROLES: [RegExp, ComponentRole][] = [
  [/_openapidefinition\.json$/i, 'definition'],
  [/_connectionparameters\.json$/i, 'connection-parameters'],
  [/_connectionparametersets\.json$/i, 'connection-parameters'],
  [/_policytemplateinstances\.json$/i, 'policy-templates'],
  [/_customcodeblobcontent(\.[a-z]+)?$/i, 'custom-code'],
  [/_(iconblob|icon)\.[a-z0-9]+$/i, 'icon'],
];

/** A description file of the pac layout: 'Connectors/<logical>.xml', or '.meta.xml' in old exports. */
export const DESCRIPTION_FILE = /^(.+?)(\.meta)?\.xml$/i;

function basename(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/**
 * Files directly in the solution's connector folder: 'Connector/' in a raw export, 'Connectors/'
 * in a pac tree (whose descriptions still say '/Connector/'); either is read, whichever exists.
 */
export function connectorFolderFiles(tree: FileTree, root: string): string[] {
  const folders = [`${root}connector/`.toLowerCase(), `${root}connectors/`.toLowerCase()];
  return tree.list().filter((rel) => {
    // `root` is a path of the tree as stored: only its files are lower-cased (a workspace tree holds every solution's).
    if (!rel.startsWith(root)) return false;
    const lower = rel.toLowerCase();
    const folder = folders.find((f) => lower.startsWith(f));
    return folder !== undefined && !lower.slice(folder.length).includes('/') && lower.length > folder.length;
  });
}

interface Group {
  logicalName: string;
  files: Partial<Record<ComponentRole, string>>;
}

function groupByName(files: string[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const rel of files) {
    const name = basename(rel);
    for (const [pattern, role] of FILE_ROLES) {
      const match = pattern.exec(name);
      if (!match) continue;
      const logicalName = name.slice(0, match.index);
      const key = logicalName.toLowerCase();
      const group = groups.get(key) ?? { logicalName, files: {} };
      group.files[role] ??= rel;
      groups.set(key, group);
      break;
    }
  }
  return groups;
}

/** The logical name a description gives, else the one its definition's file name implies. */
function nameOf(description: ConnectorDescription): string | undefined {
  if (description.logicalName) return description.logicalName;
  const definition = description.paths.definition;
  return definition ? basename(definition).replace(/_openapidefinition\.json$/i, '') : undefined;
}

/**
 * Joins descriptions to the files beside them. A path a description names is looked up by its
 * file name in the connector folder, ignoring case (the pac tree's folder is not the one the
 * paths say); files no description names still make a connector when they hold a definition.
 */
export function findConnectorComponents(files: string[], descriptions: ConnectorDescription[]): ConnectorComponent[] {
  const groups = groupByName(files);
  const byBasename = new Map(files.map((rel) => [basename(rel).toLowerCase(), rel]));
  const components: ConnectorComponent[] = [];
  const claimed = new Set<string>();
  for (const description of descriptions) {
    const logicalName = nameOf(description);
    if (!logicalName) continue;
    const key = logicalName.toLowerCase();
    if (claimed.has(key)) continue;
    claimed.add(key);
    const component: ConnectorComponent = { logicalName, description, files: { ...groups.get(key)?.files }, missing: [] };
    for (const [role, path] of Object.entries(description.paths) as [ComponentRole, string][]) {
      const found = byBasename.get(basename(path.replace(/\\/g, '/')).toLowerCase());
      if (found) component.files[role] = found;
      else if (!component.files[role]) component.missing.push(path);
    }
    components.push(component);
  }
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (claimed.has(key) || !group.files.definition) continue;
    components.push({ logicalName: group.logicalName, files: group.files, missing: [] });
  }
  return components;
}
