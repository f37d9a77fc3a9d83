import type { Flow, Step } from './types';

// Facts about a flow are kept in WeakMaps keyed by the flow (or its steps), so that they go with
// it. But V8's young-generation collections keep an entry's value alive while the map holds the
// entry, and the value (a data-flow graph, a scan) reaches the flow's whole parse tree: a run that
// lets each flow go once linted saw every tree survive into the old generation and fill it with
// garbage, costing a third of its CPU in collections and twice its memory. So each such map is
// registered here, and forgetFlow() deletes a flow's entries as soon as the flow is let go.
const registry: WeakMap<object, unknown>[] = [];

/** A WeakMap of facts about flows or their steps, whose entries forgetFlow() deletes. */
export function flowKeyed<K extends object, V>(): WeakMap<K, V> {
  const map = new WeakMap<K, V>();
  registry.push(map);
  return map;
}

/** Deletes every fact kept about `flow` and its steps: for a flow that nothing will ask about again. */
export function forgetFlow(flow: Flow): void {
  // By index: for...of allocates an iterator result per item in code the JIT has not optimised
  // yet, and this runs for every step of every flow, twice or three times a run.
  const steps = flow.steps;
  for (let m = 0; m < registry.length; m++) {
    const map = registry[m] as WeakMap<object, unknown>;
    map.delete(flow);
    for (let i = 0; i < steps.length; i++) map.delete(steps[i] as Step);
  }
}

/**
 * Memoises an analysis of a flow: several rules ask for the same facts, which are computed
 * once per Flow object and dropped with it.
 */
export function perFlow<T>(build: (flow: Flow) => T): (flow: Flow) => T {
  const cache = flowKeyed<Flow, T>();
  return (flow) => {
    if (cache.has(flow)) return cache.get(flow) as T;
    const value = build(flow);
    cache.set(flow, value);
    return value;
  };
}
