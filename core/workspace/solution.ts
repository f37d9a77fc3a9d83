import type { FileTree } from '../artifacts/tree';
import { attr, child, childText, children, descendants, type XmlDocument } from '../artifacts/xml';
import { normalizeConnectorId } from '../connectors/id';
import type { Solution, SolutionConnectionReference } from '../model/types';
import type { Workspace } from './collector';
import { readEnvironmentVariables } from './environment-variables';
import { loadFlowEntry, type FlowNames } from './flow-entry';
import { prefetch } from './prefetch';
import { readXml, readXmlSections, type XmlSections } from './read';

/** A solution found in a tree: `root` is '' or a folder prefix ending in '/'. */
export interface SolutionRoot {
  root: string;
  layout: Solution['layout'];
  solutionXml: string;
  customizationsXml?: string;
}

/** Solution roots: 'solution.xml' beside 'customizations.xml' (raw) or 'Other/Solution.xml' (pac). */
export function findSolutionRoots(tree: FileTree): SolutionRoot[] {
  const roots: SolutionRoot[] = [];
  for (const rel of tree.list()) {
    const lower = rel.toLowerCase();
    if (lower === 'other/solution.xml' || lower.endsWith('/other/solution.xml')) {
      const root = rel.slice(0, rel.length - 'Other/Solution.xml'.length);
      roots.push({ root, layout: 'pac', solutionXml: rel, customizationsXml: tree.findIgnoreCase(`${root}Other/Customizations.xml`) });
    } else if (lower === 'solution.xml' || lower.endsWith('/solution.xml')) {
      const root = rel.slice(0, rel.length - 'solution.xml'.length);
      const customizations = tree.findIgnoreCase(`${root}customizations.xml`);
      if (customizations) roots.push({ root, layout: tree.kind === 'zip' ? 'zip' : 'unpacked', solutionXml: rel, customizationsXml: customizations });
    }
  }
  return roots;
}

function readManifest(solution: Solution, xml: XmlDocument): void {
  const manifest = child(xml.root, 'SolutionManifest') ?? xml.root;
  solution.uniqueName = childText(manifest, 'UniqueName');
  solution.version = childText(manifest, 'Version');
  const managed = childText(manifest, 'Managed');
  solution.managed = managed === undefined ? undefined : managed.trim() === '1';
}

function readConnectionReferences(solution: Solution, xml: XmlSections): void {
  for (const el of (xml.sections.get('connectionreferences') ?? []).flatMap((section) => descendants(section, 'connectionreference'))) {
    const logicalName = attr(el, 'connectionreferencelogicalname');
    if (!logicalName) continue;
    const apiId = childText(el, 'connectorid');
    const ref: SolutionConnectionReference = {
      logicalName,
      apiId,
      connectorId: apiId ? normalizeConnectorId(apiId) : undefined,
      displayName: childText(el, 'connectionreferencedisplayname'),
      at: { source: xml.source, span: el.span },
    };
    solution.connectionReferences.set(logicalName.toLowerCase(), ref);
  }
}

/** Workflow names and categories from customizations.xml (raw layout) keyed by JSON file name. */
function readWorkflowNames(xml: XmlSections, names: Map<string, FlowNames>): void {
  for (const el of (xml.sections.get('Workflows') ?? []).flatMap((section) => children(section, 'Workflow'))) {
    const file = childText(el, 'JsonFileName');
    if (!file) continue;
    names.set(file.replace(/^\/+/, '').toLowerCase(), {
      displayName: attr(el, 'Name'),
      id: attr(el, 'WorkflowId')?.replace(/[{}]/g, ''),
      category: childText(el, 'Category')?.trim(),
    });
  }
}

export async function loadSolution(tree: FileTree, found: SolutionRoot, ws: Workspace): Promise<Solution> {
  const solution: Solution = {
    path: tree.label + found.root.replace(/\/$/, ''),
    layout: found.layout,
    flows: [],
    connectionReferences: new Map(),
    environmentVariables: [],
    deploymentSettings: [],
    customConnectors: [],
  };
  const manifest = await readXml(tree, found.solutionXml, ws);
  if (manifest) readManifest(solution, manifest);
  const names = new Map<string, FlowNames>();
  if (found.customizationsXml) {
    // Only two small sections of a file that can run to megabytes matter here.
    const customizations = await readXmlSections(tree, found.customizationsXml, ['connectionreferences', 'Workflows'], ws);
    if (customizations) {
      readConnectionReferences(solution, customizations);
      readWorkflowNames(customizations, names);
    }
  }
  solution.environmentVariables = await readEnvironmentVariables(tree, found.root, ws);
  const workflows = `${found.root}workflows/`.toLowerCase();
  const flowFiles = tree.list().filter((rel) => rel.toLowerCase().startsWith(workflows) && rel.toLowerCase().endsWith('.json'));
  const reading = prefetch(tree, flowFiles.flatMap((rel) => [rel, `${rel}.data.xml`].filter((r) => tree.has(r))));
  for (const rel of flowFiles) {
    const flow = await loadFlowEntry(reading, rel, ws, { solution, names: names.get(rel.toLowerCase().slice(found.root.length)) });
    if (flow) solution.flows.push(flow);
  }
  ws.solutions.push(solution);
  return solution;
}
