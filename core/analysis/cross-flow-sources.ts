import { childFlowCall } from '../model/child-flow';
import type { Flow, Step } from '../model/types';
import { bodyPropertyRead, readProperties } from './body-property';
import { pick, type Provenance } from './cross-flow';
import type { Read } from './dataflow';
import type { IndexOptions, WorkspaceIndex } from './workspace-index';

/** A step of a flow whose outputs hold business data that another flow gave it, as far as some reads go. */
export interface CrossFlowEntry {
  step: Step;
  /** The reads of the step that take the business data (the inputs or outputs that hold it). */
  readsSource(read: Read): boolean;
  /** How the data got here, ending where it enters this flow. */
  upstream: Provenance;
}

/**
 * Where business data from other flows enters this one: its trigger, for each input a caller
 * fills with business data (https://learn.microsoft.com/power-automate/create-child-flows: "The
 * input you define here will be passed to the child flow from the parent flow"), and each "Run
 * a Child Flow" whose child answers with business data ("After the child flow action, you will
 * be able to use any of the outputs from that child flow"). One entry per property read, so a
 * path follows only the inputs and outputs that carry the data; reading the whole body takes any.
 */
export function crossFlowEntries(flow: Flow, workspace: WorkspaceIndex, options: IndexOptions): CrossFlowEntry[] {
  const key = flow.doc.source.path;
  if (!workspace.has(key)) return [];
  const facts = workspace.crossFlow(options);
  const out: CrossFlowEntry[] = [];
  const add = (step: Step, known: ReadonlyMap<string, Provenance>, from: (property: string) => Parameters<typeof facts.entryLink>[1]): void => {
    if (known.size === 0) return;
    for (const property of readProperties(flow, step)) {
      const before = pick(known, property);
      const link = before && facts.entryLink(key, from(property));
      if (!before || !link) continue;
      out.push({ step, readsSource: (read) => bodyPropertyRead(read) === property, upstream: { origin: before.origin, links: [...before.links, link] } });
    }
  };
  const trigger = flow.triggers[0];
  if (trigger && trigger.type.toLowerCase() === 'request') add(trigger, facts.inputsOf(key), (property) => ({ kind: 'input', property }));
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    if (childFlowCall(step)) add(step, facts.returnsOf(key, step.name), (property) => ({ kind: 'return', call: step.name, property }));
  }
  return out;
}
