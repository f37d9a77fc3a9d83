import { at } from '../artifacts/json';
import type { FileTree } from '../artifacts/tree';
import { readConnectionParameters } from '../model/connection-parameters';
import type { Workspace } from './collector';
import { buildCustomConnector, readComponentFiles } from './connector-files';
import { tryReadJson } from './read';

const DEFINITION = /(^|\/)apiDefinition\.swagger\.json$/i;
const PROPERTIES = 'apiProperties.json';

/**
 * paconn source folders: 'apiDefinition.swagger.json' beside 'apiProperties.json' (connection
 * parameters, policy templates), an optional icon and 'script.csx' custom code, in a folder named
 * after the connector id (https://learn.microsoft.com/connectors/custom-connectors/paconn-cli).
 * Such a connector belongs to no solution, and has no logical name or record id: the folder's
 * name stands for its logical name, and flows link to it only by the ids it names.
 */
export async function loadPaconnConnectors(tree: FileTree, candidates: readonly string[], ws: Workspace): Promise<void> {
  for (const rel of candidates) {
    if (!DEFINITION.test(rel)) continue;
    const dir = rel.slice(0, rel.length - 'apiDefinition.swagger.json'.length);
    const propertiesRel = tree.findIgnoreCase(`${dir}${PROPERTIES}`);
    if (!propertiesRel) continue;
    const script = tree.findIgnoreCase(`${dir}script.csx`);
    const icon = tree.findIgnoreCase(`${dir}icon.png`);
    const read = await readComponentFiles(tree, { definition: rel, 'custom-code': script, icon }, ws);
    const properties = await tryReadJson(tree, propertiesRel);
    ws.files++;
    if ('error' in properties) ws.fail(tree.label + propertiesRel, properties.error);
    const propertiesDoc = 'doc' in properties ? properties.doc : undefined;
    if (propertiesDoc) read.jsonFiles.push(propertiesDoc);
    const parametersNode = at(propertiesDoc?.root, 'properties', 'connectionParameters') ?? at(propertiesDoc?.root, 'properties', 'connectionParameterSets');
    const folder = dir.replace(/\/$/, '');
    const connector = buildCustomConnector({
      logicalName: folder.slice(folder.lastIndexOf('/') + 1) || tree.label.replace(/[!/]+$/, ''),
      read,
      parameters: readConnectionParameters(parametersNode),
      apiNames: [],
      files: [...read.files, { role: 'metadata', path: tree.label + propertiesRel }],
    });
    if (connector) ws.customConnectors.push(connector);
  }
}
