import { rangeOf } from '../artifacts/source';
import type { JsonNode } from '../artifacts/json';
import { childFlowCall, workflowIdsOf } from '../model/child-flow';
import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import { ownStrings } from '../text/own-string';
import type { Range, Span } from '../text/range';
import { declaredInputs } from './body-property';
import { hasTriggerFilter, watchedBy, writtenBy, type DataTarget } from './trigger-source';

/** A place in some file of the workspace, as a related location shows it. */
export interface Place {
  file: string;
  range: Range;
}

export interface OutlineTrigger {
  name: string;
  place: Place;
  /** A Request trigger (manual, Power Apps, HTTP): the kind a parent can run as a child flow. */
  request: boolean;
  /** Trigger conditions or Dataverse filters: a run can be turned away. */
  filtered: boolean;
  /** The inputs it declares, by lower-case key, at their keys in the schema. */
  inputs: Record<string, Place>;
  /** The list or table whose changes start the flow, when it watches one. */
  watches?: DataTarget;
}

export interface OutlineCall {
  step: string;
  workflowId: string;
  place: Place;
  /** Runs on every run of the flow: no condition, loop or switch around it, and only after success. */
  unconditional: boolean;
}

export interface OutlineWrite {
  step: string;
  place: Place;
  target: DataTarget;
}

/**
 * What other flows need to know of a flow, whatever the policies: its ids, its trigger, the child
 * flows it runs and the lists or tables it writes. Plain data, so the language server keeps it for
 * flows whose parse trees it has let go.
 */
export interface FlowOutline {
  /** The flow's display path: one flow per file. */
  key: string;
  name: string;
  ids: string[];
  solution?: string;
  trigger?: OutlineTrigger;
  calls: OutlineCall[];
  writes: OutlineWrite[];
}

/** Where a node or a span of the flow's text is. */
export function placeOf(flow: Flow, at: JsonNode | Span): Place {
  return { file: flow.doc.source.path, range: rangeOf(flow.doc.source, { offset: at.offset, length: at.length }) };
}

const CONDITIONAL_CONTAINERS = new Set(['if', 'switch', 'foreach', 'until']);

/** Whether a step runs whenever the run gets that far: no branch or loop decides, and it does not wait for a failure. */
function unconditional(step: Step): boolean {
  for (let s: Step | undefined = step; s; s = s.parent) {
    if (s !== step && CONDITIONAL_CONTAINERS.has(s.type.toLowerCase())) return false;
    if (s.runAfter.some((r) => r.statuses.length > 0 && !r.statuses.some((status) => status.toLowerCase() === 'succeeded'))) return false;
  }
  return true;
}

function outlineTrigger(flow: Flow, trigger: Step): OutlineTrigger {
  const request = trigger.type.toLowerCase() === 'request';
  const inputs: Record<string, Place> = {};
  if (request) for (const [key, node] of declaredInputs(trigger)) inputs[key] = placeOf(flow, node);
  const out: OutlineTrigger = { name: trigger.name, place: placeOf(flow, trigger.nameNode), request, filtered: hasTriggerFilter(trigger), inputs };
  const watches = watchedBy(trigger);
  if (watches) out.watches = watches;
  return out;
}

function outline(flow: Flow): FlowOutline {
  const out: FlowOutline = { key: flow.doc.source.path, name: flow.displayName, ids: workflowIdsOf(flow), calls: [], writes: [] };
  const solution = flow.solution?.path;
  if (solution !== undefined) out.solution = solution;
  const trigger = flow.triggers[0];
  if (trigger) out.trigger = outlineTrigger(flow, trigger);
  // By index: for...of allocates an iterator result per step in code the JIT has not optimised yet.
  for (let i = 0; i < flow.steps.length; i++) {
    const step = flow.steps[i] as Step;
    const call = childFlowCall(step);
    if (call) out.calls.push({ step: step.name, workflowId: call.workflowId, place: placeOf(flow, step.nameNode), unconditional: unconditional(step) });
    const target = step.kind === 'action' ? writtenBy(step) : undefined;
    if (target) out.writes.push({ step: step.name, place: placeOf(flow, step.nameNode), target });
  }
  return out;
}

/** Its strings are its own (core/text/own-string.ts): an outline is kept after its flow is let go. */
export const flowOutline: (flow: Flow) => FlowOutline = perFlow((flow) => ownStrings(outline(flow)));
