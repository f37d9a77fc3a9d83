import type { JsonNode } from '../artifacts/json';
import type { RelatedLocation } from '../findings';
import type { Flow, Step } from '../model/types';
import type { CycleEdge } from './flow-cycles';
import type { WorkspaceIndex } from './workspace-index';

/** A finding on a loop of flows, in the shape a rule reports (ctx.report). */
export interface CrossFlowLoopReport {
  node: JsonNode;
  step: Step;
  message: string;
  related: RelatedLocation[];
  data: { check: 'child-flow-cycle' | 'trigger-cycle'; flows: number };
}

function flowName(edge: CycleEdge, home: string, to = true): string {
  const flow = to ? edge.to : edge.from;
  return flow.key === home ? 'this flow' : `flow '${flow.name}'`;
}

function does(edge: CycleEdge, home: string): string {
  return edge.kind === 'call' ? `runs ${edge.to.key === home ? 'this flow' : `'${edge.to.name}'`} as a child flow` : `writes ${edge.target.label}, whose changes trigger ${flowName(edge, home)}`;
}

function story(cycle: readonly CycleEdge[], home: string): string {
  return cycle.map((edge, i) => (i === 0 ? `'${edge.step}' ${does(edge, home)}` : `'${edge.step}' of ${flowName(edge, home, false)} ${does(edge, home)}`)).join('; ');
}

function related(cycle: readonly CycleEdge[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const edge of cycle) {
    const what = edge.kind === 'call' ? `runs child flow '${edge.to.name}'` : `writes ${edge.target.label}`;
    out.push({ file: edge.place.file, range: edge.place.range, message: `${out.length + 1}. '${edge.step}' in flow '${edge.from.name}' ${what}`, hop: out.length + 1 });
    const trigger = edge.to.trigger;
    if (!trigger) continue;
    const why = edge.kind === 'call' ? 'as a child flow' : `on changes to ${edge.target.label}, with no trigger condition`;
    out.push({ file: trigger.place.file, range: trigger.place.range, message: `${out.length + 1}. flow '${edge.to.name}' starts at trigger '${trigger.name}' ${why}`, hop: out.length + 1 });
  }
  return out;
}

function message(cycle: readonly CycleEdge[], home: string): string {
  const calls = cycle.every((e) => e.kind === 'call');
  if (calls && cycle.length === 1) {
    return `'${cycle[0]?.step}' runs this flow itself as a child flow on every run, with no condition around it: each run starts another until the platform's limits stop them. Put the call under a condition that ends the recursion, or remove it.`;
  }
  if (calls) {
    return `${story(cycle, home)}: the flows run each other in a circle on every run, with no condition around the calls, so each run starts another until the platform's limits stop them. Put one of the calls under a condition that ends the recursion.`;
  }
  return `${story(cycle, home)}: the flows start each other in an endless loop that burns their request allowance and can get them throttled or turned off. Add a trigger condition to one of them that ignores the changes the other makes.`;
}

/**
 * reliability/runaway-loop's checks across flows: for each step of `flow` that starts a circle of
 * flows leading back to it (child flow calls and trigger writes, see flow-cycles.ts), one report
 * with the whole circle as hops, in every file it passes through.
 */
export function crossFlowLoopReports(workspace: WorkspaceIndex, flow: Flow): CrossFlowLoopReport[] {
  const key = flow.doc.source.path;
  if (!workspace.has(key)) return [];
  const out: CrossFlowLoopReport[] = [];
  for (const cycle of workspace.cycles().through(key)) {
    const first = cycle[0] as CycleEdge;
    const step = flow.steps.find((s) => s.name === first.step);
    if (!step) continue;
    const flows = new Set(cycle.map((e) => e.from.key)).size;
    out.push({
      node: step.nameNode,
      step,
      message: message(cycle, key),
      related: related(cycle),
      data: { check: cycle.every((e) => e.kind === 'call') ? 'child-flow-cycle' : 'trigger-cycle', flows },
    });
  }
  return out;
}
