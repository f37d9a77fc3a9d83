import type { FlowOutline } from '../core/analysis/flow-outline';

/**
 * The flows an edit can reach: the changed flows and every flow connected to them, either way,
 * by a child flow call (to any flow holding the id called) or by a write to a list or table that
 * another flow's trigger watches. Everything a flow's findings take from other flows (the data
 * callers pass and children return, the loops of flows, which child a call runs; see
 * WorkspaceIndex.fingerprint) travels along these links, so flows outside this set lint the same
 * whatever the changed flows say, and an index of this set alone gives its members the findings
 * the whole unit's index gives them.
 *
 * `outlines` holds every flow of the unit as it is now; `before` the changed flows as they were
 * when last linted (their saved files, their last buffers), whose links count too: a parent whose
 * call to this flow was just removed must learn that it no longer passes anything.
 */
export function connectedKeys(outlines: readonly FlowOutline[], changed: readonly string[], before: readonly FlowOutline[] = []): Set<string> {
  const holders = new Map<string, string[]>();
  const watchers = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const all = [...outlines, ...before];
  for (const outline of all) {
    for (const id of outline.ids) add(holders, id, outline.key);
    const watched = outline.trigger?.watches;
    if (watched) add(watchers, `${watched.connector}|${watched.key}`, outline.key);
  }
  // Links both ways: a caller to the holders of each id it calls, a writer to each watcher.
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    if (a === b) return;
    let out = links.get(a);
    if (!out) links.set(a, (out = new Set()));
    out.add(b);
    let back = links.get(b);
    if (!back) links.set(b, (back = new Set()));
    back.add(a);
  };
  for (const outline of all) {
    for (const call of outline.calls) for (const holder of holders.get(call.workflowId) ?? []) link(outline.key, holder);
    for (const write of outline.writes) for (const watcher of watchers.get(`${write.target.connector}|${write.target.key}`) ?? []) link(outline.key, watcher);
  }
  const reached = new Set(changed);
  const queue = [...changed];
  for (let head = 0; head < queue.length; head++) {
    for (const next of links.get(queue[head] as string) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  return reached;
}
