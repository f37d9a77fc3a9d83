import { at, prop, str, type JsonNode } from '../artifacts/json';
import { BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK } from '../connectors/id';
import { blobEndpoint, endpointKind, sqlEndpoint } from '../policy/endpoint-connectors';
import { flowKeyed } from '../model/per-flow';
import type { ConnectorUse, Step } from '../model/types';

export interface Endpoint {
  /** The endpoint as policies write it: a URL, "server,database", a storage account name. */
  value: string;
  node: JsonNode;
  /** False when it is built from an expression or an environment variable at run time. */
  literal: boolean;
}

/** Parameter names under which connector actions carry their endpoint's main part. */
const PARAMETERS: Record<string, string[]> = {
  shared_webcontents: ['request/url', 'url', 'body/url', 'Uri'],
  shared_sql: ['server'],
  shared_azureblob: ['dataset', 'storageAccountName'],
};

function isExpression(text: string): boolean {
  return (text.startsWith('@') && !text.startsWith('@@')) || text.includes('@{');
}

function parameter(step: Step, names: string[]): JsonNode | undefined {
  const parameters = prop(step.inputs, 'parameters');
  for (const name of names) {
    const node = prop(parameters, name);
    if (node) return node;
  }
  return undefined;
}

/** A string endpoint; 'default' means "the connection's own", which the flow does not show. */
function literalOrExpression(node: JsonNode | undefined, shape: (value: string) => string = (v) => v): Endpoint | undefined {
  const value = str(node);
  if (!node || value === undefined || value.trim() === '' || value.toLowerCase() === 'default') return undefined;
  const literal = !isExpression(value);
  return { value: literal ? shape(value) : value, node, literal };
}

/**
 * The endpoint a step talks to, where the flow itself says it, for the connectors whose
 * endpoints DLP policies can filter: the URI of HTTP actions, the server and database of SQL
 * Server, the storage account of Azure Blob Storage. Steps that take the endpoint from their
 * connection have none here.
 */
export function endpointOf(step: Step): Endpoint | undefined {
  const id = step.connector?.id;
  if (!id || step.kind !== 'action' || !endpointKind(id)) return undefined;
  const known = endpoints.get(step);
  if (known && known.connector === step.connector) return known.endpoint;
  const endpoint = readEndpoint(step, id);
  endpoints.set(step, { connector: step.connector, endpoint });
  return endpoint;
}

// Asked of each step by the exfiltration analysis (is it an HTTP sink, does it read the Graph
// directory) and by each endpoint rule, so read once a step of the connectors that have one. In
// the language server, a step an edit left alone is the same Step (core/model/steps.ts), and its
// JSON too; its connector may be resolved again (the connection references changed), hence the
// check that it is the same one.
const endpoints = flowKeyed<Step, { connector: ConnectorUse | undefined; endpoint: Endpoint | undefined }>();

/** The endpoint of an action of a connector whose endpoints policies filter (`id`, endpointKind). */
function readEndpoint(step: Step, id: string): Endpoint | undefined {
  if (id === BUILTIN_HTTP) return literalOrExpression(prop(step.inputs, 'uri'));
  if (id === BUILTIN_HTTP_WEBHOOK) return literalOrExpression(at(step.inputs, 'subscribe', 'uri'));
  const names = PARAMETERS[id];
  const node = names ? parameter(step, names) : undefined;
  if (id === 'shared_sql') {
    const database = str(parameter(step, ['database']));
    return literalOrExpression(node, (server) => sqlEndpoint(server, database && database.toLowerCase() !== 'default' && !isExpression(database) ? database : undefined));
  }
  if (id === 'shared_azureblob') return literalOrExpression(node, blobEndpoint);
  return literalOrExpression(node);
}
