import { ArtifactError } from '../artifacts/source';
import type { FileTree } from '../artifacts/tree';
import { children } from '../artifacts/xml';
import { readConnectionParameters } from '../model/connection-parameters';
import type { CustomConnectorFile, Solution } from '../model/types';
import type { Workspace } from './collector';
import { connectorFolderFiles, describeConnector, DESCRIPTION_FILE, findConnectorComponents, type ConnectorComponent, type ConnectorDescription } from './connector-components';
import { buildCustomConnector, readComponentFiles } from './connector-files';
import { readXml, type XmlSections } from './read';
import type { SolutionRoot } from './solution';

/** <Connectors><Connector> of customizations.xml: how a raw export describes its connectors. */
function fromCustomizations(customizations: XmlSections | undefined): ConnectorDescription[] {
  if (!customizations) return [];
  const { source, sections } = customizations;
  return (sections.get('Connectors') ?? []).flatMap((section) => children(section, 'Connector')).map((el) => describeConnector(el, { source, span: el.span }));
}

/** 'Connectors/<logical>.xml' (or '.meta.xml'): how a pac tree describes each connector. */
async function fromDescriptionFiles(tree: FileTree, files: string[], ws: Workspace): Promise<ConnectorDescription[]> {
  const descriptions: ConnectorDescription[] = [];
  for (const rel of files) {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (!DESCRIPTION_FILE.test(name)) continue;
    const xml = await readXml(tree, rel, ws);
    if (!xml || xml.root.name.toLowerCase() !== 'connector') continue;
    descriptions.push(describeConnector(xml.root, { source: xml.source, span: xml.root.span }, rel));
  }
  return descriptions;
}

/** Connector ids the solution's own connection references give the connector they bind by record id. */
function boundApiNames(solution: Solution, recordId: string | undefined): string[] {
  if (!recordId) return [];
  return [...solution.connectionReferences.values()].filter((r) => r.customConnectorId === recordId && r.connectorId).map((r) => r.connectorId as string);
}

function reportMissing(tree: FileTree, component: ConnectorComponent, ws: Workspace): void {
  const description = component.description;
  if (!description || component.missing.length === 0) return;
  const where = description.rel ? tree.label + description.rel : description.at.source.path;
  for (const path of component.missing) {
    ws.fail(where, new ArtifactError(where, `Custom connector ${component.logicalName} names ${path}, which the solution does not hold; FlowGuard read the connector without it.`, description.at.span, description.at.source));
  }
}

/**
 * Reads the custom connectors a solution carries, in any export shape: a raw zip or its unpacked
 * tree (Connector/ files, described in customizations.xml), a pac tree (Connectors/<logical>.xml
 * beside the files) or an old SolutionPackager tree (.meta.xml). Sets `solution.customConnectors`
 * and adds them to the workspace; a file that cannot be read costs only that file.
 */
export async function loadCustomConnectors(tree: FileTree, found: SolutionRoot, solution: Solution, customizations: XmlSections | undefined, ws: Workspace): Promise<void> {
  const files = connectorFolderFiles(tree, found.root);
  const descriptions = [...fromCustomizations(customizations), ...(await fromDescriptionFiles(tree, files, ws))];
  if (files.length === 0 && descriptions.length === 0) return;
  for (const component of findConnectorComponents(files, descriptions)) {
    reportMissing(tree, component, ws);
    const read = await readComponentFiles(tree, component.files, ws);
    const description = component.description;
    const extra: CustomConnectorFile[] = description?.rel ? [{ role: 'metadata', path: tree.label + description.rel }] : [];
    const parameters = readConnectionParameters(read.connectionParameters?.root);
    const connector = buildCustomConnector({
      logicalName: component.logicalName,
      recordId: description?.recordId,
      displayName: description?.displayName,
      read,
      parameters,
      apiNames: boundApiNames(solution, description?.recordId),
      files: [...extra, ...read.files],
      at: description?.at,
      solution,
    });
    if (!connector) continue;
    solution.customConnectors.push(connector);
    ws.customConnectors.push(connector);
  }
}
