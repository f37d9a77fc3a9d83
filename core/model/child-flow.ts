import { prop, str, type JsonNode } from '../artifacts/json';
import type { Flow, Step } from './types';

/**
 * "Run a Child Flow" writes `{"type": "Workflow", "inputs": {"host": {"workflowReferenceName":
 * "<workflow id>"}, "body": {...}}}`: the child is the flow of the same environment (in exports,
 * of the same solution) with that workflow id, and `body` holds the inputs its manual trigger
 * declares. See https://learn.microsoft.com/power-automate/create-child-flows.
 */
export interface ChildFlowCall {
  /** Lower case, without braces: how workflow ids compare. */
  workflowId: string;
  /** The workflowReferenceName value. */
  node: JsonNode;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const FILE_GUID = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/i;

export function normalizeWorkflowId(id: string): string {
  return id.trim().replace(/^\{|\}$/g, '').toLowerCase();
}

export function isChildFlowCall(step: Step): boolean {
  // The length first: no lower-case copy of every other step's type, for a test made of every step by several analyses.
  return step.kind === 'action' && step.type.length === 8 && step.type.toLowerCase() === 'workflow';
}

/** The child a "Run a Child Flow" action names; undefined for any other step, or when it names none. */
export function childFlowCall(step: Step): ChildFlowCall | undefined {
  if (!isChildFlowCall(step)) return undefined;
  const node = prop(prop(step.inputs, 'host'), 'workflowReferenceName');
  const id = str(node);
  if (!node || !id || id.trim() === '') return undefined;
  return { workflowId: normalizeWorkflowId(id), node };
}

/**
 * The ids a flow is known by: the workflow id the solution gives it (customizations.xml
 * `WorkflowId`, the `.data.xml` sidecar) or its own `name`, and the GUID a solution writes at the
 * end of its file name (`Workflows/Name-<GUID>.json`), which is the same workflow id.
 */
export function workflowIdsOf(flow: Flow): string[] {
  const ids = new Set<string>();
  if (flow.id && GUID.test(flow.id)) ids.add(normalizeWorkflowId(flow.id.replace(/^.*\//, '')));
  const fromFile = FILE_GUID.exec(flow.doc.source.path)?.[1];
  if (fromFile) ids.add(normalizeWorkflowId(fromFile));
  return [...ids];
}
