import { decodeText } from '../artifacts/decode';
import { ArtifactError } from '../artifacts/source';
import type { FileTree } from '../artifacts/tree';
import { attr, childText } from '../artifacts/xml';
import { buildFlow, classifyFlowDocument, looksLikeFlow } from '../model/flow';
import type { Flow, Solution } from '../model/types';
import type { KnownFlows, Workspace } from './collector';
import { rememberContext } from './flow-context';
import { readXml, tryReadJson } from './read';

export interface FlowNames {
  displayName?: string;
  id?: string;
  /** Dataverse workflow category: 5 cloud flow, 6 desktop flow. */
  category?: string;
}

export interface FlowEntryOptions {
  solution?: Solution;
  names?: FlowNames;
  /** True when the user named this file, or it sits where only flows sit: anything else is an error. */
  expected?: boolean;
  /** True for a solution's Workflows/ folder: JSON there that does not parse is reported even when it does not look like a flow. */
  flowFolder?: boolean;
}

/** The `<Workflow Name=... WorkflowId=...>` sidecar that pac writes beside each flow. */
async function readSidecar(tree: FileTree, rel: string, ws: Workspace): Promise<FlowNames | undefined> {
  const sidecar = tree.findIgnoreCase(`${rel}.data.xml`);
  if (!sidecar) return undefined;
  const xml = await readXml(tree, sidecar, ws);
  if (!xml) return undefined;
  return {
    displayName: attr(xml.root, 'Name'),
    id: attr(xml.root, 'WorkflowId')?.replace(/[{}]/g, ''),
    category: childText(xml.root, 'Category')?.trim(),
  };
}

/**
 * Loads one JSON entry as a cloud flow. Desktop flows become a notice; JSON that is no flow is
 * ignored unless it was expected to be one; unreadable JSON is reported when it was expected or
 * looks like a flow, so a truncated export is never skipped in silence.
 */
export async function loadFlowEntry(tree: FileTree, rel: string, ws: Workspace, options: FlowEntryOptions = {}): Promise<Flow | undefined> {
  const path = tree.label + rel;
  const known = ws.known;
  if (options.solution && known?.has(path) && (await handKnown(tree, rel, path, ws, known, options.solution, options))) return undefined;
  const read = await tryReadJson(tree, rel);
  if ('error' in read) {
    if (options.expected || options.flowFolder || looksLikeFlow(read.source?.text ?? '')) {
      ws.files++;
      ws.fail(path, read.error);
    }
    return undefined;
  }
  const found = classifyFlowDocument(read.doc);
  const names = { ...(await readSidecarIfSolution(tree, rel, ws, options)), ...options.names };
  if (found.kind === 'desktop-flow' || names.category === '6') {
    skipDesktopFlow(ws, path, names);
    return undefined;
  }
  if (found.kind === 'other') {
    if (options.expected) {
      ws.files++;
      ws.fail(path, new ArtifactError(path, 'Not a Power Automate export: expected a cloud flow ({properties: {definition}}), a legacy definition.json or a workflow definition ({$schema, triggers, actions})'));
    }
    return undefined;
  }
  ws.files++;
  const flow = buildFlow(read.doc, found, options.solution, names);
  rememberContext(flow, { solution: options.solution, names });
  ws.addFlow(flow);
  return flow;
}

function skipDesktopFlow(ws: Workspace, path: string, names: FlowNames): void {
  ws.files++;
  ws.note(`Skipped desktop flow${names.displayName ? ` '${names.displayName}'` : ''}: FlowGuard lints cloud flows only.`, path);
}

/**
 * A flow of a solution the load knows (Workspace.known): its text and load context handed on, as
 * a built flow would be, without parsing it; a desktop flow by its sidecar now is skipped, as
 * the usual path skips it. False, to load it as any other, when it cannot be read: the usual
 * path then reads it again and says why.
 */
async function handKnown(tree: FileTree, rel: string, path: string, ws: Workspace, known: KnownFlows, solution: Solution, options: FlowEntryOptions): Promise<boolean> {
  let source;
  try {
    source = decodeText(path, await tree.read(rel));
  } catch {
    return false;
  }
  const names = { ...(await readSidecar(tree, rel, ws)), ...options.names };
  if (names.category === '6') {
    skipDesktopFlow(ws, path, names);
    return true;
  }
  ws.files++;
  ws.addKnownFlow(known, source, { solution, names });
  return true;
}

async function readSidecarIfSolution(tree: FileTree, rel: string, ws: Workspace, options: FlowEntryOptions): Promise<FlowNames> {
  return options.solution ? ((await readSidecar(tree, rel, ws)) ?? {}) : {};
}
