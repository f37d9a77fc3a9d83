import { prop, str, type JsonNode } from '../artifacts/json';
import { BUSINESS_DATA_CONNECTORS, CONSUMER_CONNECTORS } from '../connectors/builtin-groups';
import { BUILTIN_HTTP, BUILTIN_HTTP_REQUEST_RECEIVED, BUILTIN_HTTP_WEBHOOK } from '../connectors/id';
import type { CustomConnector, Flow, Step } from '../model/types';
import { classify } from '../policy/classify';
import type { DlpPolicy, Group } from '../policy/types';
import { customConnectorHoldsData } from './custom-connector-data';
import { readsGraphDirectory } from './directory-sources';
import { endpointOf } from './endpoint';
import { urlHost } from '../text/url-host';
import { hostTrusted, TENANT_CLOUD_HOSTS } from './hosts';
import { dataFlow, type Read } from './dataflow';
import { anonymousTrigger } from './http-trigger';
import { traceForward, type DataPath } from './trace';
import { sinkReach } from './sink-reach';
import type { Provenance } from './cross-flow';
import { crossFlowEntries } from './cross-flow-sources';
import type { WorkspaceIndex } from './workspace-index';
import { flowKeyed } from '../model/per-flow';

/** Connectors that move data over the network rather than hold it: never a source of business data. */
const TRANSPORT = new Set([BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK, BUILTIN_HTTP_REQUEST_RECEIVED, 'shared_webcontents']);

export type Sink =
  /** `unclear`: a literal URL whose host cannot be read for certain (see urlHost), hence never trusted. */
  | { kind: 'http'; url?: string; host?: string; unclear?: string; method?: string; custom?: CustomConnector }
  | { kind: 'connector'; connector: string; group: Group | 'consumer'; policy?: DlpPolicy }
  | { kind: 'response' };

export interface ExfiltrationPath extends DataPath {
  sinkInfo: Sink;
  /** Set when the data came from another flow (see cross-flow.ts): how it got to `source`, in the files it went through. */
  upstream?: Provenance;
}

export interface ExfiltrationOptions {
  policies: readonly DlpPolicy[];
  trustedDomains: readonly string[];
  /** The run's flows (ctx.workspace): data that child flows and callers pass in is followed too. */
  workspace?: WorkspaceIndex;
}

/**
 * Business data: the tenant's directory read from Microsoft Graph over HTTP, a Business
 * connector of an applicable policy, or with no policy a known business data store or a custom
 * connector that may front the tenant's own systems.
 */
export function isBusinessSource(step: Step, policies: readonly DlpPolicy[]): boolean {
  if (readsGraphDirectory(step)) return true;
  const id = step.connector?.id;
  if (!id || TRANSPORT.has(id) || readsConfiguration(step)) return false;
  if (policies.length === 0) return BUSINESS_DATA_CONNECTORS.has(id) || customConnectorHoldsData(step);
  return policies.some((p) => classify(p, step.connector ?? id).group === 'business');
}

function httpSink(step: Step, trusted: readonly string[]): Sink | undefined {
  const id = step.connector?.id;
  if (step.kind !== 'action' || (id !== BUILTIN_HTTP && id !== BUILTIN_HTTP_WEBHOOK && id !== 'shared_webcontents')) return undefined;
  const endpoint = endpointOf(step);
  const written = str(prop(step.inputs, 'method'));
  const method = written && !written.includes('@') ? written.toUpperCase() : undefined;
  if (!endpoint) return { kind: 'http', method };
  const read = urlHost(endpoint.value);
  const host = read.kind === 'host' ? read.host : undefined;
  if (host && (hostTrusted(host, trusted) || hostTrusted(host, TENANT_CLOUD_HOSTS))) return undefined;
  const sink: Sink = { kind: 'http', url: endpoint.literal ? endpoint.value : undefined, host, method };
  if (read.kind === 'unclear' && endpoint.literal) sink.unclear = read.reason;
  return sink;
}

/** A value used as the call's credential (inputs.authentication) is not data sent out. */
function inAuthentication(authentication: JsonNode | undefined, node: JsonNode): boolean {
  return !!authentication && node.offset >= authentication.offset && node.offset < authentication.offset + authentication.length;
}

/** Dataverse tables that hold the solution's configuration, not business records. */
const CONFIGURATION_TABLES = new Set(['environmentvariabledefinitions', 'environmentvariablevalues', 'connectionreferences']);

export function readsConfiguration(step: Step): boolean {
  if (step.connector?.id !== 'shared_commondataserviceforapps') return false;
  const parameters = prop(step.inputs, 'parameters');
  const table = str(prop(parameters, 'entityName'))?.toLowerCase();
  const action = str(prop(parameters, 'actionName'))?.toLowerCase();
  return (table !== undefined && CONFIGURATION_TABLES.has(table)) || action === 'retrieveenvironmentvariablesecretvalue';
}

/**
 * A custom connector is an HTTP call to the host its definition names: one outside trustedDomains
 * (and Microsoft's tenant APIs) is a sink, as is one whose host each environment sets (an
 * environment variable or expression), which cannot be checked. A connector whose definition is
 * not in the workspace is left to the DLP classification: its host is unknown, not untrusted.
 */
function customConnectorSink(step: Step, trusted: readonly string[]): Sink | undefined {
  const connector = step.connector?.custom?.connector;
  if (step.kind !== 'action' || !connector || connector.hostKind === 'missing') return undefined;
  if (connector.hostKind !== 'literal' || !connector.host) return { kind: 'http', custom: connector };
  const base = connector.basePath && connector.basePath !== '/' ? `/${connector.basePath.replace(/^\/+/, '')}` : '';
  const url = `${connector.schemes[0] ?? 'https'}://${connector.host}${base}`;
  const read = urlHost(url);
  const host = read.kind === 'host' ? read.host : undefined;
  if (host && (hostTrusted(host, trusted) || hostTrusted(host, TENANT_CLOUD_HOSTS))) return undefined;
  const sink: Sink = { kind: 'http', url, host: host ?? connector.host, custom: connector };
  if (read.kind === 'unclear') sink.unclear = read.reason;
  return sink;
}

// The HTTP built-ins are judged by where they send (httpSink); HTTP with Microsoft Entra ID is
// too, and is also a connector a policy may put in Non-Business or Blocked.
const HTTP_BUILTINS = new Set([BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK, BUILTIN_HTTP_REQUEST_RECEIVED]);

function connectorSink(step: Step, policies: readonly DlpPolicy[]): Sink | undefined {
  const connector = step.connector;
  const id = connector?.id;
  if (step.kind !== 'action' || !connector || !id || HTTP_BUILTINS.has(id)) return undefined;
  if (policies.length === 0) return CONSUMER_CONNECTORS.has(id) ? { kind: 'connector', connector: id, group: 'consumer' } : undefined;
  for (const policy of policies) {
    const group = classify(policy, connector).group;
    if (group === 'nonBusiness' || group === 'blocked') return { kind: 'connector', connector: id, group, policy };
  }
  return undefined;
}

function sinkOf(step: Step, options: ExfiltrationOptions, anonymous: boolean): Sink | undefined {
  if (anonymous && step.type.toLowerCase() === 'response') return { kind: 'response' };
  return httpSink(step, options.trustedDomains) ?? customConnectorSink(step, options.trustedDomains) ?? connectorSink(step, options.policies);
}

/**
 * The steps whose outputs hold business data and are read. Of the generated 1 MB flow's 1,762
 * steps, 1,144 are business sources but only 229 have a reader: asking for a reader first (one map
 * look-up) rather than the policies (classify) saves ~1 ms an edit. A flow with no business source
 * at all is found out without the data-flow graph, which its trace would not have built either.
 */
function businessSources(flow: Flow, policies: readonly DlpPolicy[]): Step[] {
  if (!flow.steps.some((step) => isBusinessSource(step, policies))) return [];
  const graph = dataFlow(flow);
  return flow.steps.filter((step) => graph.readersOf({ kind: 'step', step }).length > 0 && isBusinessSource(step, policies));
}

const cache = flowKeyed<Flow, { options: ExfiltrationOptions; paths: ExfiltrationPath[] }>();

function sameOptions(a: ExfiltrationOptions, b: ExfiltrationOptions): boolean {
  return a.policies === b.policies && a.trustedDomains === b.trustedDomains && a.workspace === b.workspace;
}

/**
 * Every path from a step that reads business data to a step where it leaves: an HTTP call to an
 * untrusted host, a Non-Business, Blocked or consumer connector, or the Response of a trigger
 * anyone can call. One path per source and sink. Computed once per flow for all three rules.
 */
export function exfiltrationPaths(flow: Flow, options: ExfiltrationOptions): ExfiltrationPath[] {
  const cached = cache.get(flow);
  if (cached && sameOptions(cached.options, options)) return cached.paths;
  const anonymous = anonymousTrigger(flow) !== undefined;
  const sinks = new Map<Step, Sink | undefined>();
  const sinkFor = (step: Step): Sink | undefined => {
    if (!sinks.has(step)) sinks.set(step, sinkOf(step, options, anonymous));
    return sinks.get(step);
  };
  // Asked for every read of a sink step: its authentication block is looked up once.
  const authentications = new Map<Step, JsonNode | undefined>();
  const authenticationOf = (step: Step): JsonNode | undefined => {
    if (!authentications.has(step)) authentications.set(step, prop(step.inputs, 'authentication'));
    return authentications.get(step);
  };
  const isSink = (step: Step, read: Read): boolean => sinkFor(step) !== undefined && !inAuthentication(authenticationOf(step), read.ref.node);
  const sources = businessSources(flow, options.policies);
  // Only the sources whose value can reach a sink are traced (see sink-reach.ts). With the reader
  // test in businessSources, exfiltrationPaths past the data-flow graph went from 2.4 ms to 1.5 ms
  // an edit of the generated 1 MB flow; a flow whose sources feed long chains of Compose steps to
  // no sink is spared a walk per source.
  const reachesSink = sinkReach(flow, sources, isSink);
  const paths: ExfiltrationPath[] = [];
  for (const source of sources) {
    if (!reachesSink(source)) continue;
    for (const path of traceForward(flow, source, { isSink })) {
      paths.push({ ...path, sinkInfo: sinkFor(path.sink) as Sink });
    }
  }
  // Data another flow passes in, or a child flow returns: one path per entry step and sink.
  const reached = new Set<string>();
  for (const entry of options.workspace ? crossFlowEntries(flow, options.workspace, options) : []) {
    const isNewSink = (step: Step, read: Read): boolean => isSink(step, read) && !reached.has(`${entry.step.name}|${step.name}`);
    for (const path of traceForward(flow, entry.step, { isSink: isNewSink, readsSource: entry.readsSource })) {
      reached.add(`${entry.step.name}|${path.sink.name}`);
      paths.push({ ...path, sinkInfo: sinkFor(path.sink) as Sink, upstream: entry.upstream });
    }
  }
  cache.set(flow, { options, paths });
  return paths;
}
