/**
 * Array helpers that hold for any length. `target.push(...items)` and `Math.max(...items)` pass
 * every item as an argument, which throws RangeError (call stack size) past about 100,000 items:
 * a flow with that many actions or findings must not end the run.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = 0): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max === -Infinity ? empty : max;
}
