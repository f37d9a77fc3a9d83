import { prop, str, type JsonNode } from '../artifacts/json';
import { childFlowCall } from '../model/child-flow';
import type { Flow, Step } from '../model/types';
import type { DlpPolicy } from '../policy/types';
import { bodyPropertyAt, bodyPropertyRead, readProperties } from './body-property';
import type { Read } from './dataflow';
import { describeSource } from './describe-path';
import { isBusinessSource } from './exfiltration';
import { placeOf, type Place } from './flow-outline';
import { ownStrings } from '../text/own-string';
import { traceForward, type DataPath, type Hop } from './trace';
import { flowKeyed } from '../model/per-flow';

/** Where data comes into a flow from outside it: a business source of its own, an input of its trigger, or what a child it runs returns. */
export type TransferFrom =
  | { kind: 'source'; step: string }
  | { kind: 'input'; property: string }
  | { kind: 'return'; call: string; property: string };

/** Where data leaves a flow for another: an input of a child it runs, or the answer of its Response to its caller. */
export type TransferTo = { kind: 'pass'; call: string; property: string } | { kind: 'respond'; step: string; property: string };

/** A step the value passes through inside the flow, where it enters that step. */
export interface TransferHop {
  step: string;
  place: Place;
  variable?: string;
}

export interface Transfer {
  from: TransferFrom;
  to: TransferTo;
  /** The steps between, in order. */
  hops: TransferHop[];
  /** Where the call or Response takes the value in. */
  exit: Place;
}

export interface TransferSource {
  step: string;
  /** As messages name it: "SharePoint 'Get_items'". */
  description: string;
  place: Place;
}

/** How data crosses a flow's edges, for the business data the policies define. Plain data, like the outline. */
export interface FlowTransfers {
  sources: TransferSource[];
  transfers: Transfer[];
}

export interface TransferOptions {
  policies: readonly DlpPolicy[];
}

/**
 * A child flow answers its parent with "Respond to a PowerApp or flow" (Response, kind PowerApp)
 * or a Response; both only when the flow was started by a Request trigger (manual, Power Apps,
 * HTTP), the triggers a child flow may have (https://learn.microsoft.com/power-automate/create-child-flows).
 */
function answersCaller(flow: Flow): boolean {
  return flow.triggers[0]?.type.toLowerCase() === 'request';
}

/** Whether a step is a Response the flow answers its caller with (answersCaller says whether it can). */
function isResponse(step: Step): boolean {
  return step.type.toLowerCase() === 'response';
}

/**
 * Whether a flow can have any transfers (compute below finds none otherwise): it runs a child
 * flow, or it answers its caller, with a Response, when a Request trigger started it. Depends on
 * the steps' kinds and types only, which linking the run's custom connectors leaves alone, so a
 * load can tell before the flow is built again for its transfers.
 */
export function mayTransfer(flow: Flow): boolean {
  const steps = flow.steps;
  let responds = false;
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    if (childFlowCall(step) !== undefined) return true;
    if (isResponse(step)) responds = true;
  }
  return responds && answersCaller(flow);
}

/**
 * A Response with a literal error status fails the parent's "Run a Child Flow" action, so the
 * parent's next steps (which run after it succeeds) never see that answer.
 */
function answersWithError(step: Step): boolean {
  const status = prop(step.inputs, 'statusCode');
  const code = status?.type === 'number' ? Number(status.value) : Number(str(status) ?? NaN);
  return Number.isFinite(code) && code >= 400;
}

function exitAt(step: Step, node: JsonNode, responds: boolean): TransferTo | undefined {
  const isCall = childFlowCall(step) !== undefined;
  if (!isCall && !(responds && step.type.toLowerCase() === 'response' && !answersWithError(step))) return undefined;
  const property = bodyPropertyAt(step, node);
  if (property === undefined) return undefined;
  return isCall ? { kind: 'pass', call: step.name, property } : { kind: 'respond', step: step.name, property };
}

function toTransfer(flow: Flow, from: TransferFrom, path: DataPath, to: TransferTo): Transfer {
  const last = path.hops[path.hops.length - 1] as Hop;
  return {
    from,
    to,
    hops: path.hops.slice(0, -1).map((hop) => ({ step: hop.step.name, place: placeOf(flow, hop.ref.span), ...(hop.variable ? { variable: hop.variable } : {}) })),
    exit: placeOf(flow, last.ref.span),
  };
}

function compute(flow: Flow, options: TransferOptions): FlowTransfers {
  const out: FlowTransfers = { sources: [], transfers: [] };
  if (!mayTransfer(flow)) return out;
  const calls = flow.steps.filter((s) => childFlowCall(s) !== undefined);
  const responds = answersCaller(flow) && flow.steps.some(isResponse);
  const isSink = (step: Step, read: Read): boolean => exitAt(step, read.ref.node, responds) !== undefined;
  const sinkKey = (step: Step, read: Read): string => `${step.name}|${bodyPropertyAt(step, read.ref.node) ?? ''}`;
  const trace = (from: TransferFrom, source: Step, readsSource?: (read: Read) => boolean): number => {
    const paths = traceForward(flow, source, { isSink, sinkKey, ...(readsSource ? { readsSource } : {}) });
    for (const path of paths) {
      const last = path.hops[path.hops.length - 1];
      const to = last && exitAt(path.sink, last.ref.node, responds);
      if (to) out.transfers.push(toTransfer(flow, from, path, to));
    }
    return paths.length;
  };
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    if (childFlowCall(step) || !isBusinessSource(step, options.policies)) continue;
    if (trace({ kind: 'source', step: step.name }, step) > 0) out.sources.push({ step: step.name, description: describeSource(step), place: placeOf(flow, step.nameNode) });
  }
  const trigger = flow.triggers[0];
  if (trigger && answersCaller(flow)) {
    for (const property of readProperties(flow, trigger)) trace({ kind: 'input', property }, trigger, (read) => bodyPropertyRead(read) === property);
  }
  for (const call of calls) {
    for (const property of readProperties(flow, call)) trace({ kind: 'return', call: call.name, property }, call, (read) => bodyPropertyRead(read) === property);
  }
  return out;
}

const cache = flowKeyed<Flow, { policies: readonly DlpPolicy[]; transfers: FlowTransfers }>();

/** Computed once per flow and policies. */
export function flowTransfers(flow: Flow, options: TransferOptions): FlowTransfers {
  const cached = cache.get(flow);
  if (cached && cached.policies === options.policies) return cached.transfers;
  // Its strings are its own (core/text/own-string.ts): transfers are kept after their flow is let go.
  const transfers = ownStrings(compute(flow, options));
  cache.set(flow, { policies: options.policies, transfers });
  return transfers;
}
