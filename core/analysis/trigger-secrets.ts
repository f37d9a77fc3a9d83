import { at, entries, str, type JsonNode } from '../artifacts/json';
import type { Step } from '../model/types';
import { strongestCredentialName } from '../secrets/credential-name';
import type { Read } from './dataflow';

/** An input of a manual or HTTP request trigger whose name says it carries a credential. */
export interface TriggerSecretInput {
  /** The schema property key the flow reads it by (`text_1`, `clientSecret`). */
  key: string;
  /** The name the caller sees: the property's title (PowerAppV2, Button), else its key. */
  label: string;
  /** The property's key node in the trigger schema. */
  node: JsonNode;
}

/**
 * Request triggers whose inputs are declared in `inputs.schema`: the Power Apps (V2) and
 * manual (Button) triggers, whose designer names each input by a `title` and keys it
 * `text`, `text_1`, ..., and "When a HTTP request is received", keyed by the body's own
 * property names. The older Power Apps trigger (kind PowerApp) declares no schema.
 */
const SCHEMA_KINDS = new Set(['powerappv2', 'button', 'http']);

/**
 * The trigger's top-level inputs named like a credential (clientSecret, Password, API key).
 * Only explicit names count: an input called "Key" or "Token" is as often a record key or a
 * paging token.
 */
export function triggerSecretInputs(trigger: Step): TriggerSecretInput[] {
  if (trigger.kind !== 'trigger' || trigger.type.toLowerCase() !== 'request') return [];
  if (!SCHEMA_KINDS.has((trigger.subKind ?? 'http').toLowerCase())) return [];
  const out: TriggerSecretInput[] = [];
  for (const [keyNode, property] of entries(at(trigger.inputs, 'schema', 'properties'))) {
    const key = String(keyNode.value);
    const title = str(at(property, 'title'));
    const named = strongestCredentialName([key, title]);
    if (named?.strength === 'explicit') out.push({ key, label: title ?? key, node: keyNode });
  }
  return out;
}

/** The path a trigger read takes into the request body: `triggerBody()?['a']`, `triggerOutputs()?['body/a']`, `trigger()['outputs']['body']['a']`. */
function bodyPath(read: Read): string[] | undefined {
  const ref = read.ref;
  if (ref.kind !== 'trigger') return undefined;
  const segments = ref.path.flatMap((s) => String(s).split('/')).filter((s) => s !== '');
  if (ref.fn === 'trigger' && segments[0]?.toLowerCase() === 'outputs') segments.shift();
  else if (ref.fn === 'trigger' && segments.length > 0) return undefined;
  if (ref.fn === 'trigger' || ref.fn === 'triggerOutputs') {
    if (segments.length === 0) return segments;
    // Headers and queries are not the declared inputs.
    if (segments[0]?.toLowerCase() !== 'body') return undefined;
    segments.shift();
  }
  return ref.fn === 'triggerBody' || ref.fn === 'trigger' || ref.fn === 'triggerOutputs' ? segments : undefined;
}

/**
 * Whether a read of the trigger takes one of `inputs`: it names the input, or takes the whole
 * body (or the whole outputs) that holds it.
 */
export function readsTriggerInput(read: Read, inputs: readonly TriggerSecretInput[]): boolean {
  const path = bodyPath(read);
  if (!path) return false;
  const first = path[0]?.toLowerCase();
  return first === undefined || inputs.some((input) => input.key.toLowerCase() === first);
}
