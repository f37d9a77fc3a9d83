import type { JsonNode } from '../artifacts/json';
import { editRevision, keptAcrossEdits, unchangedSince } from '../artifacts/json-reparse';
import type { Step } from '../model/types';
import { scanJson, type JsonSecret } from '../secrets/scan-json';
import { flowKeyed } from '../model/per-flow';

// secrets/hardcoded-secret reports the secrets written in each step, and secret-material.ts
// follows those written in its inputs: one scan of the step serves both.
const scans = flowKeyed<Step, JsonSecret[]>();

// What a scan finds holds no offset (nodes, paths from the step, places inside a value), so the
// scan of a step's JSON that no edit went through since is kept across the language server's
// edits of a large flow, whose tree is kept from version to version (core/artifacts/json-reparse.ts):
// the generated 1 MB flow's 1,601 actions were all scanned again at each edit (3.5 ms of it).
const byNode = new WeakMap<JsonNode, { revision: number; found: JsonSecret[] }>();

/**
 * The secrets written in a step's own JSON, nested actions left out (each is a step of its own),
 * as scanJson(step.node) finds them; computed once per step.
 */
export function stepSecrets(step: Step): JsonSecret[] {
  let found = scans.get(step);
  if (!found) {
    const keep = keptAcrossEdits(step.node);
    const kept = keep ? byNode.get(step.node) : undefined;
    if (kept && unchangedSince(step.node, kept.revision)) {
      found = kept.found;
    } else {
      // Most steps nest none: no set made for them.
      found = scanJson(step.node, step.children.length === 0 ? {} : { skip: new Set(step.children.map((child) => child.node)) });
      if (keep) byNode.set(step.node, { revision: editRevision(), found });
    }
    scans.set(step, found);
  }
  return found;
}

/**
 * The secrets written in a step's `inputs`, as scanJson(step.inputs) finds them (paths from the
 * inputs): those of stepSecrets inside it. A member's role depends on its own key and its object's
 * (queries, authentication), never on the key `inputs`, so the scans agree.
 */
export function inputSecrets(step: Step): JsonSecret[] {
  const inputs = step.inputs;
  if (!inputs) return [];
  const end = inputs.offset + inputs.length;
  return stepSecrets(step)
    .filter((found) => found.node.offset >= inputs.offset && found.node.offset < end)
    .map((found) => ({ ...found, path: found.path.slice(1) }));
}
