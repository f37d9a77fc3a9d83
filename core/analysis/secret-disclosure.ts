import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import { dataFlow, isPassThrough, isVariableWriter, variablesWritten, type Read } from './dataflow';
import { credentialPosition, disclosurePlace, type DisclosurePlace } from './disclosure-places';
import { secretStarts, type SecretStart } from './secret-material';
import { readsTriggerInput } from './trigger-secrets';
import { traceForward, type Hop } from './trace';

/** Secret material reaching a place where people or other systems read it. */
export interface DisclosurePath {
  start: SecretStart;
  sink: Step;
  place: DisclosurePlace;
  /** From the first reader of the secret to the sink; empty when the secret is written in the sink itself. */
  hops: Hop[];
}

interface Candidate {
  sink: Step;
  place: DisclosurePlace;
  hops: Hop[];
}

/**
 * A request is judged by where its own field puts the value; but a value first placed under a
 * credential's name (a Compose holding `client_secret=...`, `{"password": ...}`) and then sent
 * whole is a credential payload, such as a token request's body: a use, not a disclosure. The
 * same payload in a mail or a file is still disclosed.
 */
function credentialPayload(flow: Flow, start: SecretStart, candidate: Candidate): boolean {
  if (candidate.place.kind !== 'request') return false;
  const text = flow.doc.source.text;
  if (start.kind === 'hardcoded' && start.step !== candidate.sink && credentialPosition(start.step, start.node, start.span, text)) return true;
  return candidate.hops.slice(0, -1).some((hop) => credentialPosition(hop.step, hop.ref.node, hop.ref.callSpan, text));
}

function placeOfRead(flow: Flow, read: Read): DisclosurePlace | undefined {
  return disclosurePlace(read.reader, read.ref.node, read.ref.callSpan, flow.doc.source.text);
}

/** Paths from a step's outputs, or from the variable it writes when `variable` is given. */
function fromStep(flow: Flow, step: Step, variable?: string, readsSource?: (read: Read) => boolean): Candidate[] {
  const places = new Map<Step, DisclosurePlace>();
  const isSink = (reader: Step, read: Read): boolean => {
    const place = placeOfRead(flow, read);
    if (place && !places.has(reader)) places.set(reader, place);
    return place !== undefined;
  };
  return traceForward(flow, step, { isSink, ...(variable ? { fromVariable: variable } : {}), ...(readsSource ? { readsSource } : {}) }).map((path) => ({
    sink: path.sink,
    place: places.get(path.sink) as DisclosurePlace,
    hops: path.hops,
  }));
}

/** A parameter has no step: its readers are the first hops, followed on as a step's outputs or a variable. */
function fromParameter(flow: Flow, name: string): Candidate[] {
  const out: Candidate[] = [];
  for (const read of dataFlow(flow).readersOf({ kind: 'parameter', name: name.toLowerCase() })) {
    const hop: Hop = { step: read.reader, ref: read.ref };
    const place = placeOfRead(flow, read);
    if (place) out.push({ sink: read.reader, place, hops: [hop] });
    const onward = isPassThrough(read.reader) ? fromStep(flow, read.reader) : isVariableWriter(read.reader) ? variablesWritten(read.reader).flatMap((v) => fromStep(flow, read.reader, v)) : [];
    for (const c of onward) out.push({ ...c, hops: [hop, ...c.hops] });
  }
  return out;
}

/**
 * The output field that holds the secret: Key Vault's "Get secret" returns it as `value` beside
 * its name, version and dates (https://learn.microsoft.com/connectors/keyvault/), and
 * RetrieveEnvironmentVariableSecretValue as `EnvironmentVariableSecretValue`.
 */
const SECRET_FIELD = { 'key-vault': 'value', 'secret-environment-variable': 'environmentvariablesecretvalue' } as const;

/** Whether a read of a secret-reading action takes the secret, not only its name or version. */
function readsSecretField(read: Read, field: string): boolean {
  if (read.ref.kind !== 'action') return true;
  const segments = read.ref.path.flatMap((s) => String(s).split('/')).filter((s) => s !== '');
  if (segments[0]?.toLowerCase() === 'body') segments.shift();
  const first = segments[0]?.toLowerCase();
  return first === undefined || first === field;
}

function candidatesOf(flow: Flow, start: SecretStart): Candidate[] {
  switch (start.kind) {
    case 'key-vault':
    case 'secret-environment-variable': {
      const field = SECRET_FIELD[start.kind];
      return fromStep(flow, start.step, undefined, (read) => readsSecretField(read, field));
    }
    case 'trigger-input':
      return fromStep(flow, start.step, undefined, (read) => readsTriggerInput(read, start.inputs));
    case 'secure-parameter':
    case 'secret-parameter':
    case 'hardcoded-parameter':
      return fromParameter(flow, start.parameter.name);
    case 'hardcoded': {
      const here = disclosurePlace(start.step, start.node, start.span, flow.doc.source.text);
      if (here) return [{ sink: start.step, place: here, hops: [] }];
      if (start.variable) return fromStep(flow, start.step, start.variable);
      return isPassThrough(start.step) ? fromStep(flow, start.step) : [];
    }
  }
}

/**
 * Every place each piece of secret material reaches where it is read rather than used as a
 * credential, one path per secret and place (the shortest). Each secret is traced once, so the
 * whole is linear in the number of secrets times the flow's reads; flows hold few secrets.
 */
export const disclosurePaths: (flow: Flow) => DisclosurePath[] = perFlow((flow) => {
  const out: DisclosurePath[] = [];
  for (const start of secretStarts(flow)) {
    const seen = new Set<Step>();
    for (const candidate of candidatesOf(flow, start)) {
      if (seen.has(candidate.sink) || credentialPayload(flow, start, candidate)) continue;
      seen.add(candidate.sink);
      out.push({ start, ...candidate });
    }
  }
  return out;
});
