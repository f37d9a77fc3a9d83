import type { Flow } from './types';

/**
 * Memoises an analysis of a flow: several rules ask for the same facts, which are computed
 * once per Flow object and dropped with it.
 */
export function perFlow<T>(build: (flow: Flow) => T): (flow: Flow) => T {
  const cache = new WeakMap<Flow, T>();
  return (flow) => {
    if (cache.has(flow)) return cache.get(flow) as T;
    const value = build(flow);
    cache.set(flow, value);
    return value;
  };
}
