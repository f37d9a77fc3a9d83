import type { Flow, Step } from '../model/types';
import type { DlpPolicy } from '../policy/types';
import type { Span } from '../text/range';
import type { Read } from './dataflow';
import { isBusinessSource } from './exfiltration';
import { carriesContent, messageSink, type MessageSink, type RecipientField } from './message-sinks';
import { inOrganization } from './organization';
import { recipientOrigins, type RecipientOrigin } from './recipients';
import { traceForward, type DataPath } from './trace';
import { flowKeyed } from '../model/per-flow';

/** A recipient the organisation cannot vouch for. */
export interface OutsideRecipient {
  /** 'external': a literal address outside the organisation; 'unverifiable': set per environment. */
  kind: 'external' | 'unverifiable';
  field: RecipientField;
  /** The address as written, or the parameter, environment variable or action that holds it. */
  what: string;
  /** Where it is written. */
  span: Span;
  /** Variables, Compose actions and loops it passed through on its way to the field. */
  via: Step[];
}

export interface ExternalRecipientPath {
  sink: MessageSink;
  /** The first business data path into the message's content (sources in document order). */
  path: DataPath;
  /** How many business sources reach the content. */
  sources: number;
  recipients: OutsideRecipient[];
}

export interface ExternalRecipientResult {
  paths: ExternalRecipientPath[];
  /** True when, with no organisation domains known, a message carrying business data goes to a literal address. */
  needsDomains: boolean;
}

function judge(field: RecipientField, origin: RecipientOrigin, domains: readonly string[]): OutsideRecipient | undefined {
  if (origin.kind === 'configuration') return { kind: 'unverifiable', field, what: origin.name, span: origin.span, via: origin.via };
  if (origin.kind !== 'literal' || inOrganization(origin.domain, domains)) return undefined;
  return { kind: 'external', field, what: origin.address, span: origin.span, via: origin.via };
}

/** The recipients of each field of `sink` that are outside, or not known to be inside, the organisation. */
function outsideRecipients(flow: Flow, sink: MessageSink, domains: readonly string[]): OutsideRecipient[] {
  const out: OutsideRecipient[] = [];
  const seen = new Set<string>();
  for (const field of sink.recipients) {
    for (const origin of recipientOrigins(flow, sink.step, field.node, field.holds)) {
      const outside = judge(field, origin, domains);
      const key = outside ? `${outside.kind}:${field.label}:${outside.what.toLowerCase()}` : '';
      if (!outside || seen.has(key)) continue;
      seen.add(key);
      out.push(outside);
    }
  }
  // A literal outside address is a plain fact; an unverifiable one only a doubt.
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'external' ? -1 : 1));
}

/** The first business data path into the content of each of `sinks`, and how many sources reach each. */
function contentPaths(flow: Flow, sinks: ReadonlyMap<Step, MessageSink>, policies: readonly DlpPolicy[]): Map<Step, { path: DataPath; sources: number }> {
  const found = new Map<Step, { path: DataPath; sources: number }>();
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const source = flow.steps[stepAt] as Step;
    if (!isBusinessSource(source, policies)) continue;
    const isSink = (step: Step, read: Read): boolean => {
      const sink = sinks.get(step);
      return sink !== undefined && carriesContent(sink, read.ref.node);
    };
    for (const path of traceForward(flow, source, { isSink })) {
      const known = found.get(path.sink);
      if (known) known.sources++;
      else found.set(path.sink, { path, sources: 1 });
    }
  }
  return found;
}

const cache = flowKeyed<Flow, { policies: readonly DlpPolicy[]; domains: string; result: ExternalRecipientResult }>();

/**
 * Mail and chat messages of a flow that carry business data to recipients outside the
 * organisation (`domains`, see ./organization) or set per environment. With no domains known,
 * nothing is judged, and `needsDomains` says whether a message would have been. The data paths
 * are traced only to messages with such recipients, so most flows cost one pass over their
 * recipient fields.
 */
export function externalRecipientPaths(flow: Flow, policies: readonly DlpPolicy[], domains: readonly string[]): ExternalRecipientResult {
  const key = domains.join(',');
  const cached = cache.get(flow);
  if (cached && cached.policies === policies && cached.domains === key) return cached.result;
  const candidates = new Map<Step, { sink: MessageSink; recipients: OutsideRecipient[] }>();
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    const sink = messageSink(step);
    if (!sink) continue;
    // With no domains every literal address is outside: enough to know whether to ask for them.
    const recipients = outsideRecipients(flow, sink, domains).filter((r) => domains.length > 0 || r.kind === 'external');
    if (recipients.length > 0) candidates.set(step, { sink, recipients });
  }
  const result: ExternalRecipientResult = { paths: [], needsDomains: false };
  if (candidates.size > 0) {
    const reached = contentPaths(flow, new Map([...candidates].map(([step, c]) => [step, c.sink])), policies);
    for (const [step, { sink, recipients }] of candidates) {
      const content = reached.get(step);
      if (!content) continue;
      if (domains.length === 0) result.needsDomains = true;
      else result.paths.push({ sink, path: content.path, sources: content.sources, recipients });
    }
  }
  cache.set(flow, { policies, domains: key, result });
  return result;
}
