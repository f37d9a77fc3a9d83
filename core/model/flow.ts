import { entries, prop, propIgnoreCase, str, type JsonDocument, type JsonNode } from '../artifacts/json';
import { editRevision, keptAcrossEdits, takeOverTree, unchangedSince } from '../artifacts/json-reparse';
import { normalizeConnectorId } from '../connectors/id';
import { resolveConnector } from './connectors';
import { readSteps } from './steps';
import type { ConnectionReference, Flow, FlowFormat, FlowParameter, Solution } from './types';

const FLOW_MARKERS = /workflowdefinition\.json|"triggers"\s*:|"connectionReferences"\s*:/;

/** Whether text that does not parse was probably meant to be a flow (checks its start only). */
export function looksLikeFlow(text: string): boolean {
  return FLOW_MARKERS.test(text.slice(0, 4096));
}

/** What a JSON document turned out to be. */
export type FlowDocumentKind =
  | { kind: 'cloud-flow'; format: FlowFormat; definition: JsonNode; properties?: JsonNode }
  | { kind: 'desktop-flow' }
  | { kind: 'other' };

function isDefinition(node: JsonNode | undefined): node is JsonNode {
  return !!node && node.type === 'object' && (prop(node, 'triggers') !== undefined || prop(node, 'actions') !== undefined) &&
    (prop(node, '$schema') !== undefined || prop(node, 'contentVersion') !== undefined || prop(node, 'triggers') !== undefined);
}

export function classifyFlowDocument(doc: JsonDocument): FlowDocumentKind {
  const root = doc.root;
  if (root.type !== 'object') return { kind: 'other' };
  const schemaVersion = str(propIgnoreCase(root, 'schemaversion')) ?? '';
  const properties = prop(root, 'properties');
  const definition = prop(properties, 'definition');
  if (schemaVersion.toUpperCase().startsWith('ROBIN') || prop(definition, 'package') !== undefined) return { kind: 'desktop-flow' };
  if (isDefinition(definition)) {
    const legacy = str(prop(root, 'type')) === 'Microsoft.Flow/flows' || prop(properties, 'displayName') !== undefined && schemaVersion === '';
    return { kind: 'cloud-flow', format: legacy ? 'legacy-definition' : 'solution-flow', definition, properties };
  }
  if (isDefinition(root) && prop(root, '$schema') !== undefined) return { kind: 'cloud-flow', format: 'bare-definition', definition: root };
  return { kind: 'other' };
}

function readConnectionReferences(properties: JsonNode | undefined): Map<string, ConnectionReference> {
  const refs = new Map<string, ConnectionReference>();
  for (const [keyNode, node] of entries(prop(properties, 'connectionReferences'))) {
    const key = String(keyNode.value);
    // Solution form: api.name; legacy form: id '/providers/Microsoft.PowerApps/apis/shared_x'.
    const apiName = str(prop(prop(node, 'api'), 'name'));
    const apiId = str(prop(prop(node, 'api'), 'id')) ?? str(prop(node, 'id'));
    const connector = apiName ?? apiId;
    refs.set(key, {
      key,
      connectorId: connector ? normalizeConnectorId(connector) : undefined,
      apiId,
      logicalName: str(prop(prop(node, 'connection'), 'connectionReferenceLogicalName')),
      // Only references to custom connectors carry it.
      apiLogicalName: str(prop(prop(node, 'api'), 'logicalName')) || undefined,
      runtimeSource: str(prop(node, 'runtimeSource')) ?? str(prop(node, 'source')),
      node,
    });
  }
  return refs;
}

function readParameters(definition: JsonNode): FlowParameter[] {
  return entries(prop(definition, 'parameters')).map(([key, node]) => ({
    name: String(key.value),
    type: str(prop(node, 'type')),
    node,
    defaultValue: prop(node, 'defaultValue'),
    schemaName: str(prop(prop(node, 'metadata'), 'schemaName')),
  }));
}

function fileStem(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  return base.replace(/\.json$/i, '').replace(/-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i, '');
}

export interface FlowNaming {
  displayName?: string;
  id?: string;
}

/** What the connectors of the last build of a kept tree were resolved with: by the tree's root. */
const lastConnections = new WeakMap<JsonNode, { references: JsonNode | undefined; solution: Solution | undefined; revision: number }>();

/**
 * Whether the Steps taken over in this build of a kept tree keep their connectors: the last build
 * resolved them with the same solution and the same connection references, which no edit went
 * through since. Notes this build's for the next one.
 */
function connectorsKept(root: JsonNode, references: JsonNode | undefined, solution: Solution | undefined, takeOver: boolean): boolean {
  if (!keptAcrossEdits(root)) return false;
  const last = lastConnections.get(root);
  lastConnections.set(root, { references, solution, revision: editRevision() });
  if (!takeOver || !last) return false;
  return last.solution === solution && last.references === references && (references === undefined || unchangedSince(references, last.revision));
}

/** Builds the model of one cloud flow; `naming` comes from the solution or package around it. */
export function buildFlow(doc: JsonDocument, found: Extract<FlowDocumentKind, { kind: 'cloud-flow' }>, solution?: Solution, naming: FlowNaming = {}): Flow {
  const { definition, properties, format } = found;
  const connectionReferences = readConnectionReferences(properties);
  const takeOver = takeOverTree(doc);
  const { triggers, actions, steps } = readSteps(definition, takeOver);
  // A step taken over from the version before (steps.ts) keeps its connector when what resolved it
  // is unchanged too: the flow's connection references and the solution. Every other is resolved.
  const keepConnectors = connectorsKept(doc.root, prop(properties, 'connectionReferences'), solution, takeOver);
  // forEach: no iterator result per step in code the JIT has not optimised yet.
  steps.forEach((step) => {
    if (!keepConnectors || step.connector === undefined) step.connector = resolveConnector(step, connectionReferences, solution);
  });
  const root = doc.root;
  const displayName = naming.displayName ?? str(prop(properties, 'displayName')) ?? fileStem(doc.source.path);
  const id = naming.id ?? str(prop(root, 'name'));
  return {
    format,
    doc,
    displayName,
    id,
    definition,
    triggers,
    actions,
    steps,
    connectionReferences,
    parameters: readParameters(definition),
    solution,
  };
}
