import type { FileTree } from '../artifacts/tree';
import { attr, child, childText, children, descendants, type XmlDocument } from '../artifacts/xml';
import { normalizeConnectorId } from '../connectors/id';
import type { Solution, SolutionConnectionReference } from '../model/types';
import type { Workspace } from './collector';
import { readEnvironmentVariables } from './environment-variables';
import { loadCustomConnectors } from './custom-connectors';
import { loadFlowEntry, type FlowNames } from './flow-entry';
import { prefetch } from './prefetch';
import { readXml, readXmlSections, type XmlSections } from './read';

/** A solution found in a tree: `root` is '' or a folder prefix ending in '/'. */
export interface SolutionRoot {
  root: string;
  layout: Solution['layout'];
  solutionXml: string;
  customizationsXml?: string;
  /**
   * The pac layout's files when the same folder also holds the raw layout (an export unzipped
   * over its unpacked source): one solution, both read, the raw layout's values first.
   */
  alternate?: { solutionXml: string; customizationsXml?: string };
}

/**
 * One root per folder: a folder holding both layouts is one solution, or its flows would be
 * linted twice. The raw layout leads: its customizations.xml is the whole export as made.
 */
function mergeLayouts(roots: SolutionRoot[]): SolutionRoot[] {
  const byRoot = new Map<string, SolutionRoot>();
  for (const found of roots) {
    const other = byRoot.get(found.root);
    if (!other) {
      byRoot.set(found.root, found);
      continue;
    }
    const [raw, pac] = found.layout === 'pac' ? [other, found] : [found, other];
    byRoot.set(found.root, { ...raw, alternate: { solutionXml: pac.solutionXml, customizationsXml: pac.customizationsXml } });
  }
  return [...byRoot.values()];
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
  return mergeLayouts(roots);
}

/** Fills what the solution does not know yet, so a second layout only adds what the first lacks. */
function readManifest(solution: Solution, xml: XmlDocument): void {
  const manifest = child(xml.root, 'SolutionManifest') ?? xml.root;
  solution.uniqueName ??= childText(manifest, 'UniqueName');
  solution.version ??= childText(manifest, 'Version');
  const managed = childText(manifest, 'Managed');
  solution.managed ??= managed === undefined ? undefined : managed.trim() === '1';
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
      // Set when the reference is to a custom connector: the GUID of its connector record.
      customConnectorId: childText(child(el, 'customconnectorid'), 'connectorid')?.replace(/[{}]/g, '').toLowerCase() || undefined,
      at: { source: xml.source, span: el.span },
    };
    // The first layout read wins; a second one only adds references the first lacks.
    if (!solution.connectionReferences.has(logicalName.toLowerCase())) solution.connectionReferences.set(logicalName.toLowerCase(), ref);
  }
}

/** Workflow names and categories from customizations.xml (raw layout) keyed by JSON file name. */
function readWorkflowNames(xml: XmlSections, names: Map<string, FlowNames>): void {
  for (const el of (xml.sections.get('Workflows') ?? []).flatMap((section) => children(section, 'Workflow'))) {
    const file = childText(el, 'JsonFileName');
    if (!file) continue;
    const key = file.replace(/^\/+/, '').toLowerCase();
    if (names.has(key)) continue;
    names.set(key, {
      displayName: attr(el, 'Name'),
      id: attr(el, 'WorkflowId')?.replace(/[{}]/g, ''),
      category: childText(el, 'Category')?.trim(),
    });
  }
}

/** The second layout of a folder holding both: it only adds what the first one lacks. */
async function readAlternateLayout(tree: FileTree, layout: NonNullable<SolutionRoot['alternate']>, solution: Solution, names: Map<string, FlowNames>, ws: Workspace): Promise<void> {
  const manifest = await readXml(tree, layout.solutionXml, ws);
  if (manifest) readManifest(solution, manifest);
  if (!layout.customizationsXml) return;
  const customizations = await readXmlSections(tree, layout.customizationsXml, ['connectionreferences', 'Workflows'], ws);
  if (!customizations) return;
  readConnectionReferences(solution, customizations);
  readWorkflowNames(customizations, names);
}

/**
 * Loads a solution and its flows. `flowFiles` are the JSON files of this root that may be flows
 * (in Workflows/ or not: some repositories keep a copy beside it); the caller leaves out those of
 * solutions or packages nested inside it.
 */
export async function loadSolution(tree: FileTree, found: SolutionRoot, ws: Workspace, flowFiles: string[]): Promise<Solution> {
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
  let customizations: XmlSections | undefined;
  if (found.customizationsXml) {
    // Only a few small sections of a file that can run to megabytes matter here.
    customizations = await readXmlSections(tree, found.customizationsXml, ['connectionreferences', 'Workflows', 'Connectors'], ws);
    if (customizations) {
      readConnectionReferences(solution, customizations);
      readWorkflowNames(customizations, names);
    }
  }
  if (found.alternate) await readAlternateLayout(tree, found.alternate, solution, names, ws);
  await loadCustomConnectors(tree, found, solution, customizations, ws);
  solution.environmentVariables = await readEnvironmentVariables(tree, found.root, ws);
  const workflows = `${found.root}workflows/`.toLowerCase();
  const reading = prefetch(tree, flowFiles.flatMap((rel) => [rel, `${rel}.data.xml`].filter((r) => tree.has(r))));
  for (const rel of flowFiles) {
    const flowFolder = rel.toLowerCase().startsWith(workflows);
    const flow = await loadFlowEntry(reading, rel, ws, { solution, flowFolder, names: names.get(rel.toLowerCase().slice(found.root.length)) });
    if (flow && ws.holdsFlows) solution.flows.push(flow);
  }
  ws.solutions.push(solution);
  return solution;
}
