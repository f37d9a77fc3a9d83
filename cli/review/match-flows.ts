import type { Flow } from '../../core/model/types';

export interface FlowPair {
  base?: Flow;
  head?: Flow;
}

function idOf(flow: Flow): string | undefined {
  return flow.id?.replace(/[{}]/g, '').toLowerCase() || undefined;
}

/** Pairs by one key among flows not yet paired; a key shared by several flows on a side pairs none of them. */
function pairBy(base: Flow[], head: Flow[], key: (flow: Flow) => string | undefined, pairs: FlowPair[]): [Flow[], Flow[]] {
  const unique = (flows: Flow[]): Map<string, Flow> => {
    const seen = new Map<string, Flow | null>();
    for (const flow of flows) {
      const k = key(flow);
      if (k !== undefined) seen.set(k, seen.has(k) ? null : flow);
    }
    return new Map([...seen].filter((entry): entry is [string, Flow] => entry[1] !== null));
  };
  const baseByKey = unique(base);
  const headByKey = unique(head);
  const pairedBase = new Set<Flow>();
  const pairedHead = new Set<Flow>();
  for (const [k, h] of headByKey) {
    const b = baseByKey.get(k);
    if (!b) continue;
    pairs.push({ base: b, head: h });
    pairedBase.add(b);
    pairedHead.add(h);
  }
  return [base.filter((f) => !pairedBase.has(f)), head.filter((f) => !pairedHead.has(f))];
}

/**
 * The same flow on both sides: by flow id (a rename or move keeps it), else by file path, else by
 * display name. What is left is added (head only) or removed (base only).
 */
export function matchFlows(base: readonly Flow[], head: readonly Flow[]): FlowPair[] {
  const pairs: FlowPair[] = [];
  let rest: [Flow[], Flow[]] = [[...base], [...head]];
  rest = pairBy(...rest, idOf, pairs);
  rest = pairBy(...rest, (f) => f.doc.source.path, pairs);
  rest = pairBy(...rest, (f) => f.displayName, pairs);
  for (const b of rest[0]) pairs.push({ base: b });
  for (const h of rest[1]) pairs.push({ head: h });
  return pairs;
}
