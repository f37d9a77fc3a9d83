import { at, prop, str, type JsonNode } from '../artifacts/json';
import { BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK } from '../connectors/id';
import type { Step } from '../model/types';

export interface Endpoint {
  /** The endpoint as written: a URL, a server name, a site address. */
  value: string;
  node: JsonNode;
  /** False when it is built from an expression or an environment variable at run time. */
  literal: boolean;
}

/** Parameter names under which connector actions carry their endpoint, per connector. */
const PARAMETER_ENDPOINTS: Record<string, string[]> = {
  shared_webcontents: ['request/url', 'url', 'body/url', 'Uri'],
  shared_sql: ['server'],
  shared_sharepointonline: ['dataset'],
  shared_azureblob: ['dataset', 'storageAccountName'],
  shared_commondataserviceforapps: ['organization'],
};

function isExpression(text: string): boolean {
  return text.startsWith('@') && !text.startsWith('@@') || text.includes('@{');
}

function endpointAt(node: JsonNode | undefined): Endpoint | undefined {
  const value = str(node);
  if (!node || value === undefined || value.trim() === '') return undefined;
  return { value, node, literal: !isExpression(value) };
}

function parameter(step: Step, names: string[]): JsonNode | undefined {
  const parameters = prop(step.inputs, 'parameters');
  for (const name of names) {
    const node = prop(parameters, name);
    if (node) return node;
  }
  return undefined;
}

/**
 * The endpoint a step talks to, where the flow itself says it: the URI of HTTP actions, the
 * server, site or account parameter of connectors whose endpoints DLP policies can filter.
 * Steps that take the endpoint from their connection have none here; 'default' means that.
 */
export function endpointOf(step: Step): Endpoint | undefined {
  const id = step.connector?.id;
  if (!id || step.kind !== 'action') return undefined;
  if (id === BUILTIN_HTTP) return endpointAt(prop(step.inputs, 'uri'));
  if (id === BUILTIN_HTTP_WEBHOOK) return endpointAt(at(step.inputs, 'subscribe', 'uri'));
  const names = PARAMETER_ENDPOINTS[id];
  const found = names ? endpointAt(parameter(step, names)) : undefined;
  return found && found.value.toLowerCase() !== 'default' ? found : undefined;
}
