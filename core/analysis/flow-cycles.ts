import type { FlowOutline, Place } from './flow-outline';
import { fires, type DataTarget } from './trigger-source';
import type { WorkspaceIndex } from './workspace-index';

/** One flow starting the next: a child flow it runs, or a list or table it writes that triggers the next. */
export type CycleEdge = {
  from: FlowOutline;
  to: FlowOutline;
  step: string;
  place: Place;
} & ({ kind: 'call' } | { kind: 'trigger'; target: DataTarget });

/**
 * The flows of a workspace that start each other in a circle, so that one run starts the next
 * without end: a child flow call that always runs (no condition or loop around it, since a
 * recursive child flow that walks a tree is a pattern that ends), or a write to a list or table
 * whose changes trigger the next flow with no trigger condition (as reliability/trigger-loop
 * judges one flow). A flow writing its own trigger's list is trigger-loop's; a flow running
 * itself is a cycle here.
 *
 * Strongly connected components (Tarjan, iterative) find the flows on some cycle; each edge
 * leaving such a flow inside its component is followed back by a breadth-first search, giving
 * the shortest cycle through that edge.
 */
export class FlowCycles {
  private readonly edges = new Map<string, CycleEdge[]>();
  private readonly component = new Map<string, number>();
  private readonly found = new Map<string, CycleEdge[][]>();

  constructor(private readonly index: WorkspaceIndex) {
    const keys = index.keys();
    const watchers = new Map<string, FlowOutline[]>();
    for (const key of keys) {
      const watches = index.outline(key)?.trigger;
      if (!watches?.watches || watches.filtered) continue;
      const id = `${watches.watches.connector}|${watches.watches.key}`;
      const list = watchers.get(id);
      if (list) list.push(index.outline(key) as FlowOutline);
      else watchers.set(id, [index.outline(key) as FlowOutline]);
    }
    for (const key of keys) this.edges.set(key, this.edgesFrom(index.outline(key) as FlowOutline, watchers));
    this.components(keys);
  }

  /** The cycles through a flow, one per edge of it that leads back to it, shortest first. */
  through(key: string): CycleEdge[][] {
    let cycles = this.found.get(key);
    if (!cycles) {
      cycles = this.search(key);
      this.found.set(key, cycles);
    }
    return cycles;
  }

  private edgesFrom(flow: FlowOutline, watchers: Map<string, FlowOutline[]>): CycleEdge[] {
    const out: CycleEdge[] = [];
    for (const call of flow.calls) {
      const child = this.index.resolve(flow, call.workflowId);
      if (!child || !call.unconditional || !child.trigger?.request || child.trigger.filtered) continue;
      out.push({ kind: 'call', from: flow, to: child, step: call.step, place: call.place });
    }
    for (const write of flow.writes) {
      for (const next of watchers.get(`${write.target.connector}|${write.target.key}`) ?? []) {
        const watched = next.trigger?.watches;
        if (next.key === flow.key || !watched || !fires(watched.change, write.target.change)) continue;
        out.push({ kind: 'trigger', from: flow, to: next, step: write.step, place: write.place, target: watched });
      }
    }
    return out;
  }

  private components(keys: readonly string[]): void {
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    let counter = 0;
    let component = 0;
    for (const root of keys) {
      if (order.has(root)) continue;
      const work: { key: string; next: number }[] = [{ key: root, next: 0 }];
      order.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (work.length > 0) {
        const frame = work[work.length - 1] as (typeof work)[number];
        const edges = this.edges.get(frame.key) ?? [];
        if (frame.next < edges.length) {
          const to = (edges[frame.next++] as CycleEdge).to.key;
          if (!order.has(to)) {
            order.set(to, counter);
            low.set(to, counter++);
            stack.push(to);
            onStack.add(to);
            work.push({ key: to, next: 0 });
          } else if (onStack.has(to)) {
            low.set(frame.key, Math.min(low.get(frame.key) as number, order.get(to) as number));
          }
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent.key, Math.min(low.get(parent.key) as number, low.get(frame.key) as number));
        if (low.get(frame.key) !== order.get(frame.key)) continue;
        for (;;) {
          const member = stack.pop() as string;
          onStack.delete(member);
          this.component.set(member, component);
          if (member === frame.key) break;
        }
        component++;
      }
    }
  }

  private search(key: string): CycleEdge[][] {
    const own = this.component.get(key);
    const inside = (edge: CycleEdge): boolean => this.component.get(edge.to.key) === own;
    const cycles: CycleEdge[][] = [];
    for (const first of this.edges.get(key) ?? []) {
      if (!inside(first)) continue;
      const path = this.shortestBack(first, key, inside);
      if (path) cycles.push(path);
    }
    return cycles;
  }

  /** The shortest way from `first`'s target back to `home`, `first` included. */
  private shortestBack(first: CycleEdge, home: string, inside: (edge: CycleEdge) => boolean): CycleEdge[] | undefined {
    if (first.to.key === home) return [first];
    const via = new Map<string, CycleEdge>([[first.to.key, first]]);
    const queue = [first.to.key];
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head] as string;
      for (const edge of this.edges.get(at) ?? []) {
        if (!inside(edge)) continue;
        if (edge.to.key === home) {
          const path = [edge];
          for (let back = via.get(at); back; back = back.from.key === home ? undefined : via.get(back.from.key)) path.unshift(back);
          return path;
        }
        if (via.has(edge.to.key)) continue;
        via.set(edge.to.key, edge);
        queue.push(edge.to.key);
      }
    }
    return undefined;
  }
}
