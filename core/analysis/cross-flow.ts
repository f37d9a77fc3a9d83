import { WHOLE_BODY } from './body-property';
import type { FlowOutline, Place } from './flow-outline';
import type { FlowTransfers, Transfer, TransferFrom } from './flow-transfers';
import type { IndexOptions, WorkspaceIndex } from './workspace-index';

/** One step of a path across flows, in whichever file it is. */
export interface ChainLink extends Place {
  text: string;
}

/**
 * How business data got to where it crosses into a flow: where it was read, and every step it
 * took on the way, in the files of the flows it went through.
 */
export interface Provenance {
  origin: { flow: string; file: string; step: string; description: string };
  links: ChainLink[];
}

/** The property a message names: nothing for the whole body. */
function named(kind: 'input' | 'output', property: string): string {
  return property === WHOLE_BODY ? '' : ` (${kind} '${property}')`;
}

function hopLinks(transfer: Transfer): ChainLink[] {
  return transfer.hops.map((h) => ({ ...h.place, text: `passed on by '${h.step}'${h.variable ? ` through variable '${h.variable}'` : ''}` }));
}

/** A value in a map keyed by body property: that property, else the whole body; the whole body takes any. */
export function pick(facts: ReadonlyMap<string, Provenance> | undefined, property: string): Provenance | undefined {
  if (!facts || facts.size === 0) return undefined;
  if (property === WHOLE_BODY) return facts.get(WHOLE_BODY) ?? facts.values().next().value;
  return facts.get(property) ?? facts.get(WHOLE_BODY);
}

/**
 * What business data crosses between the flows of a workspace through "Run a Child Flow": the
 * inputs each flow's trigger receives with business data in them, and the outputs each flow's
 * Response returns with business data, each with the path that brought it there.
 *
 * A monotone fixed point over the flows' transfers (flow-transfers.ts): a fact, once known, is
 * never replaced, and a flow is looked at again only when it learns a new fact, so the work is
 * bounded by the number of flows times their inputs and outputs. The first path found is kept,
 * flows taken in path order, so the result is the same on every run.
 */
export class CrossFlowFacts {
  private readonly inputs = new Map<string, Map<string, Provenance>>();
  private readonly outputs = new Map<string, Map<string, Provenance>>();

  constructor(private readonly index: WorkspaceIndex, private readonly options: IndexOptions) {
    // A flow that runs no child flow of the workspace and that no flow runs passes nothing on and
    // learns nothing, so its transfers (a data-flow trace of the whole flow) are not computed here.
    const queue = index.keys().filter((key) => index.connected(key));
    const queued = new Set(queue);
    for (let head = 0; head < queue.length; head++) {
      const key = queue[head] as string;
      queued.delete(key);
      for (const next of this.visit(key, index.transfers(key, options))) {
        if (queued.has(next)) continue;
        queued.add(next);
        queue.push(next);
      }
    }
  }

  /** The trigger inputs of a flow that callers fill with business data, by lower-case property (WHOLE_BODY for all of it). */
  inputsOf(key: string): ReadonlyMap<string, Provenance> {
    return this.inputs.get(key) ?? new Map();
  }

  /** What the child a call runs returns with business data in it, by lower-case output. */
  returnsOf(key: string, call: string): ReadonlyMap<string, Provenance> {
    const caller = this.index.outline(key);
    const target = caller?.calls.find((c) => c.step === call);
    const child = caller && target ? this.index.resolve(caller, target.workflowId) : undefined;
    return child ? (this.outputs.get(child.key) ?? new Map()) : new Map();
  }

  /** The link that says where data from outside enters the flow: its trigger, or the call a child answers. */
  entryLink(key: string, from: Exclude<TransferFrom, { kind: 'source' }>): ChainLink | undefined {
    const flow = this.index.outline(key);
    if (!flow) return undefined;
    if (from.kind === 'input') {
      const trigger = flow.trigger;
      if (!trigger) return undefined;
      const place = trigger.inputs[from.property] ?? trigger.place;
      return { ...place, text: `received by flow '${flow.name}' at trigger '${trigger.name}'${named('input', from.property)}` };
    }
    const call = flow.calls.find((c) => c.step === from.call);
    if (!call) return undefined;
    const child = this.index.resolve(flow, call.workflowId);
    return { ...call.place, text: `comes back to flow '${flow.name}' from child flow '${child?.name ?? call.workflowId}' through '${call.step}'${named('output', from.property)}` };
  }

  /**
   * The business data a flow passes to a call, whether or not the workspace holds the child: the
   * first path found, ending where the call takes it in.
   */
  passedTo(key: string, call: string): Provenance | undefined {
    const flow = this.index.outline(key);
    if (!flow) return undefined;
    const transfers = this.index.transfers(key, this.options);
    for (const transfer of transfers.transfers) {
      const to = transfer.to;
      if (to.kind !== 'pass' || to.call !== call) continue;
      const before = this.entry(flow, transfers, transfer);
      if (before) return { origin: before.origin, links: [...before.links, ...hopLinks(transfer), { ...transfer.exit, text: `passed to '${call}'${named('input', to.property)}` }] };
    }
    return undefined;
  }

  /** What a flow's incoming facts are, for telling when they change (the language server re-lints the flow then). */
  fingerprint(key: string): string {
    const entries = (map: ReadonlyMap<string, Provenance>) => [...map].map(([p, v]) => [p, v.links]);
    const calls = this.index.outline(key)?.calls.map((c) => [c.step, entries(this.returnsOf(key, c.step))]) ?? [];
    return JSON.stringify([entries(this.inputsOf(key)), calls]);
  }

  private origin(flow: FlowOutline, transfers: FlowTransfers, step: string): Provenance | undefined {
    const source = transfers.sources.find((s) => s.step === step);
    if (!source) return undefined;
    return {
      origin: { flow: flow.name, file: flow.key, step, description: source.description },
      links: [{ ...source.place, text: `business data enters at ${source.description} in flow '${flow.name}'` }],
    };
  }

  /** Where the transfer's data comes from, when it is business data now. */
  private entry(flow: FlowOutline, transfers: FlowTransfers, transfer: Transfer): Provenance | undefined {
    const from = transfer.from;
    if (from.kind === 'source') return this.origin(flow, transfers, from.step);
    const before = from.kind === 'input' ? pick(this.inputs.get(flow.key), from.property) : pick(this.returnsOf(flow.key, from.call), from.property);
    const link = before && this.entryLink(flow.key, from);
    return before && link ? { origin: before.origin, links: [...before.links, link] } : undefined;
  }

  /** Applies a flow's transfers to what it knows now; returns the flows that learnt something. */
  private visit(key: string, transfers: FlowTransfers): string[] {
    const flow = this.index.outline(key);
    if (!flow || transfers.transfers.length === 0) return [];
    const changed: string[] = [];
    for (const transfer of transfers.transfers) {
      const to = transfer.to;
      // A fact once known is kept (see learn): a path to one already known is not even built.
      // (Built paths are joined with concat: spreading arrays is slow in code not yet optimised.)
      if (to.kind === 'pass') {
        const call = flow.calls.find((c) => c.step === to.call);
        const child = call ? this.index.resolve(flow, call.workflowId) : undefined;
        if (!child || this.knows(this.inputs, child.key, to.property)) continue;
        const before = this.entry(flow, transfers, transfer);
        if (!before) continue;
        const exit = { ...transfer.exit, text: `passed to child flow '${child.name}' by '${to.call}'${named('input', to.property)}` };
        if (this.learn(this.inputs, child.key, to.property, { origin: before.origin, links: before.links.concat(hopLinks(transfer), [exit]) })) changed.push(child.key);
      } else {
        if (this.knows(this.outputs, key, to.property)) continue;
        const before = this.entry(flow, transfers, transfer);
        if (!before) continue;
        const exit = { ...transfer.exit, text: `returned to the calling flow by '${to.step}'${named('output', to.property)}` };
        if (this.learn(this.outputs, key, to.property, { origin: before.origin, links: before.links.concat(hopLinks(transfer), [exit]) })) {
          for (const { caller } of this.index.callersOf(key)) changed.push(caller.key);
        }
      }
    }
    return changed;
  }

  private knows(facts: Map<string, Map<string, Provenance>>, key: string, property: string): boolean {
    return facts.get(key)?.has(property) ?? false;
  }

  private learn(facts: Map<string, Map<string, Provenance>>, key: string, property: string, provenance: Provenance): boolean {
    let map = facts.get(key);
    if (!map) facts.set(key, (map = new Map()));
    if (map.has(property)) return false;
    map.set(property, provenance);
    return true;
  }
}
