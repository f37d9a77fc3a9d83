import { entries, prop, type JsonNode } from '../artifacts/json';
import type { Flow, Step } from '../model/types';
import { dataFlow, type Read } from './dataflow';

/** The whole body: a value passed or read as one, rather than one of its properties. */
export const WHOLE_BODY = '*';

function segments(path: readonly (string | number)[]): string[] {
  return path.flatMap((s) => String(s).split('/')).filter((s) => s !== '');
}

/**
 * Which property of a body a read takes: `triggerBody()?['text']`, `triggerOutputs()?['body/text']`,
 * `body('Run_child')?['pass']`, `outputs('Run_child')?['body']?['pass']` all take one (lower case,
 * as the runtime matches JSON names without regard to case); `triggerBody()` or `body('Run_child')`
 * take the whole body (WHOLE_BODY). Undefined for a read of something else (headers, status,
 * the run details of actions()).
 */
export function bodyPropertyRead(read: Read): string | undefined {
  // A trace from a trigger or a child flow call asks this of each read once per property it
  // follows (flow-transfers.ts), and the answer depends on the read alone.
  if (readProperty.has(read)) return readProperty.get(read);
  const property = propertyOf(read);
  readProperty.set(read, property);
  return property;
}

// By read: a Read belongs to its flow's data flow (dataflow.ts), and goes with it.
const readProperty = new WeakMap<Read, string | undefined>();

function propertyOf(read: Read): string | undefined {
  const ref = read.ref;
  if (ref.kind !== 'trigger' && ref.kind !== 'action') return undefined;
  const path = segments(ref.path);
  const fn = ref.fn;
  if (fn === 'triggerBody' || fn === 'body' || fn === 'actionBody') return first(path);
  if (fn === 'trigger' || fn === 'actions') {
    if (path.length === 0) return WHOLE_BODY;
    if (path[0]?.toLowerCase() !== 'outputs') return undefined;
    path.shift();
  } else if (fn !== 'triggerOutputs' && fn !== 'outputs' && fn !== 'actionOutputs') {
    return undefined;
  }
  if (path.length === 0) return WHOLE_BODY;
  if (path[0]?.toLowerCase() !== 'body') return undefined;
  return first(path.slice(1));
}

function first(path: readonly string[]): string {
  return path[0]?.toLowerCase() ?? WHOLE_BODY;
}

/**
 * Which property of `step`'s `inputs.body` object holds `node` (lower case), WHOLE_BODY when
 * the body is one expression, undefined when the node is outside the body.
 */
export function bodyPropertyAt(step: Step, node: JsonNode): string | undefined {
  const body = prop(step.inputs, 'body');
  if (!body || !within(node, body)) return undefined;
  if (body.type !== 'object') return WHOLE_BODY;
  // By index, from the properties themselves: no pair or iterator result per member (this runs for every read of a body).
  const properties = body.children ?? [];
  for (let i = 0; i < properties.length; i++) {
    const key = (properties[i] as JsonNode).children?.[0];
    const value = (properties[i] as JsonNode).children?.[1];
    if (key && value && within(node, value)) return String(key.value).toLowerCase();
  }
  return WHOLE_BODY;
}

function within(node: JsonNode, outer: JsonNode): boolean {
  return node.offset >= outer.offset && node.offset < outer.offset + outer.length;
}

/** The declared inputs of a Request trigger (`inputs.schema.properties`), by lower-case key, with their key nodes. */
export function declaredInputs(trigger: Step): Map<string, JsonNode> {
  const out = new Map<string, JsonNode>();
  for (const [key] of entries(prop(prop(trigger.inputs, 'schema'), 'properties'))) out.set(String(key.value).toLowerCase(), key);
  return out;
}

/** The body properties the reads of `step`'s outputs take, in document order (WHOLE_BODY for a read of all of it). */
export function readProperties(flow: Flow, step: Step): string[] {
  const out = new Set<string>();
  const reads = dataFlow(flow).readersOf({ kind: 'step', step });
  for (let i = 0; i < reads.length; i++) {
    const property = bodyPropertyRead(reads[i] as (typeof reads)[number]);
    if (property !== undefined) out.add(property);
  }
  return [...out];
}
