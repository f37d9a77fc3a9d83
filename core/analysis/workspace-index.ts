import type { Flow } from '../model/types';
import type { DlpPolicy } from '../policy/types';
import { CrossFlowFacts } from './cross-flow';
import { FlowCycles } from './flow-cycles';
import { flowOutline, type FlowOutline, type OutlineCall } from './flow-outline';
import { flowTransfers, type FlowTransfers } from './flow-transfers';

/**
 * A flow of the workspace: its model when this run holds it, else what an earlier run kept of it
 * (the language server keeps outlines and transfers of flows it no longer holds in memory).
 */
export type IndexMember = { flow: Flow; kept?: undefined } | { flow?: undefined; kept: KeptFlow };

/** What the language server keeps of a flow between passes. */
export interface KeptFlow {
  outline: FlowOutline;
  transfers: FlowTransfers;
}

export interface IndexOptions {
  policies: readonly DlpPolicy[];
  trustedDomains: readonly string[];
}

/** The flow a "Run a Child Flow" action runs, when the workspace holds it. */
export interface ResolvedCall {
  call: OutlineCall;
  child?: FlowOutline;
}

/**
 * The flows of one run by workflow id, built once and handed to every rule (ctx.workspace), so
 * that a rule looking at one flow can follow its child flows and its callers. Lookups are by the
 * flow's display path (`flow.doc.source.path`), which names one flow.
 */
export class WorkspaceIndex {
  private readonly members = new Map<string, IndexMember>();
  private readonly byId = new Map<string, string[]>();
  private readonly callers = new Map<string, { caller: FlowOutline; call: OutlineCall }[]>();
  /** By policies, then trusted domains: a run uses one pair, an editor session one per project. */
  private readonly facts = new Map<readonly DlpPolicy[], Map<readonly string[], CrossFlowFacts>>();
  private loops?: FlowCycles;
  /** What was kept of each flow admitted (see admit), until it is released. */
  private readonly admitted = new Map<string, KeptFlow>();

  constructor(members: readonly IndexMember[]) {
    for (const member of members) {
      const key = member.flow ? member.flow.doc.source.path : member.kept.outline.key;
      if (!this.members.has(key)) this.members.set(key, member);
    }
    // Sorted, so that a choice between two flows of one id, and every walk, is the same each run.
    const keys = [...this.members.keys()].sort();
    for (const key of keys) {
      for (const id of this.outline(key)?.ids ?? []) {
        const list = this.byId.get(id);
        if (list) list.push(key);
        else this.byId.set(id, [key]);
      }
    }
    for (const key of keys) {
      const caller = this.outline(key) as FlowOutline;
      for (const call of caller.calls) {
        const child = this.resolve(caller, call.workflowId);
        if (!child) continue;
        const list = this.callers.get(child.key);
        if (list) list.push({ caller, call });
        else this.callers.set(child.key, [{ caller, call }]);
      }
    }
  }

  static ofFlows(flows: readonly Flow[]): WorkspaceIndex {
    return new WorkspaceIndex(flows.map((flow) => ({ flow })));
  }

  /** Display paths of every flow, sorted. */
  keys(): string[] {
    return [...this.members.keys()].sort();
  }

  has(key: string): boolean {
    return this.members.has(key);
  }

  /** The model of a flow, when this run holds it. */
  flowOf(key: string): Flow | undefined {
    return this.members.get(key)?.flow;
  }

  outline(key: string): FlowOutline | undefined {
    const member = this.members.get(key);
    if (!member) return undefined;
    // An admitted flow is the one its kept outline was made of, built again from the same text:
    // that outline, which every other flow's lint sees, rather than one made again per lint (the
    // rebuilt flow is new, so nothing computed for it is kept). Outlines hold no connector
    // detail that linking changes (flow-outline.ts).
    const admitted = this.admitted.get(key);
    if (admitted) return admitted.outline;
    return member.flow ? flowOutline(member.flow) : member.kept.outline;
  }

  transfers(key: string, options: IndexOptions): FlowTransfers {
    const member = this.members.get(key);
    if (!member) return { sources: [], transfers: [] };
    // A kept flow's transfers were computed under the same project's policies.
    return member.flow ? flowTransfers(member.flow, options) : member.kept.transfers;
  }

  /**
   * The flow a caller's "Run a Child Flow" runs: the one with that workflow id, in the caller's
   * own solution when two solutions carry it (the designer only offers flows of the same
   * solution), else the first by path.
   */
  resolve(caller: FlowOutline, workflowId: string): FlowOutline | undefined {
    const keys = this.byId.get(workflowId);
    if (!keys) return undefined;
    const same = keys.find((k) => this.outline(k)?.solution === caller.solution);
    return this.outline(same ?? (keys[0] as string));
  }

  /** The calls of one flow, each with its child when the workspace holds it. */
  callsOf(key: string): ResolvedCall[] {
    const outline = this.outline(key);
    if (!outline) return [];
    return outline.calls.map((call) => {
      const child = this.resolve(outline, call.workflowId);
      return child ? { call, child } : { call };
    });
  }

  /** Every "Run a Child Flow" action of the workspace that runs this flow, in path order. */
  callersOf(key: string): readonly { caller: FlowOutline; call: OutlineCall }[] {
    return this.callers.get(key) ?? [];
  }

  /** Whether data can cross between this flow and another: it runs a child flow the workspace holds, or a flow runs it. */
  connected(key: string): boolean {
    return this.callersOf(key).length > 0 || this.callsOf(key).some((c) => c.child);
  }

  /**
   * Holds the model of a flow kept as its outline and transfers, built anew from the same text,
   * while it is linted: its own rules then see it as they see any flow the run holds. The CLI,
   * which holds no flow longer than its lint (core/engine/flow-queue.ts), admits each in turn.
   */
  admit(flow: Flow): void {
    const key = flow.doc.source.path;
    const kept = this.members.get(key)?.kept;
    if (!kept) return;
    this.admitted.set(key, kept);
    this.members.set(key, { flow });
  }

  /** Lets go of a flow admitted for its lint: the index keeps what it kept of it before. */
  release(key: string): void {
    const kept = this.admitted.get(key);
    if (!kept) return;
    this.admitted.delete(key);
    this.members.set(key, { kept });
  }

  /** The data that crosses from flow to flow, under these policies; computed once per run. */
  crossFlow(options: IndexOptions): CrossFlowFacts {
    let byDomains = this.facts.get(options.policies);
    if (!byDomains) this.facts.set(options.policies, (byDomains = new Map()));
    let facts = byDomains.get(options.trustedDomains);
    if (!facts) byDomains.set(options.trustedDomains, (facts = new CrossFlowFacts(this, options)));
    return facts;
  }

  /**
   * What a flow's findings take from other flows: the data they pass it and the loops it is on.
   * When this changes, the flow has to be linted again though its own text did not change.
   */
  fingerprint(key: string, options: IndexOptions): string {
    const cycles = this.cycles().through(key).map((cycle) => cycle.map((e) => [e.from.key, e.step, e.place.range, e.to.key, e.to.trigger?.place.range]));
    const calls = this.callsOf(key).map((c) => [c.call.step, c.child?.key, c.child?.name]);
    return JSON.stringify([this.crossFlow(options).fingerprint(key), cycles, calls]);
  }

  /** Flows that start each other in a circle: child flow calls and trigger writes. */
  cycles(): FlowCycles {
    this.loops ??= new FlowCycles(this);
    return this.loops;
  }
}
