import { at, prop, str, type JsonNode } from '../artifacts/json';
import { BUILTIN_HTTP, BUILTIN_HTTP_REQUEST_RECEIVED, BUILTIN_HTTP_WEBHOOK, normalizeConnectorId } from '../connectors/id';
import type { ConnectionReference, ConnectorUse, Solution, Step } from './types';

// `parameters('$connections')['shared_x']` and `json(...)['$connections']['shared_x']` alike.
const CONNECTIONS_KEY = /'\$connections'\s*[\])]\s*\[\s*'([^']+)'/;

/** Looks a connection reference key up in the flow, then in the solution by logical name. */
function viaReference(key: string, refs: Map<string, ConnectionReference>, solution: Solution | undefined): { id?: string; apiId?: string } {
  const ref = refs.get(key);
  if (ref?.connectorId) return { id: ref.connectorId, apiId: ref.apiId };
  const logical = ref?.logicalName;
  const fromSolution = logical ? solution?.connectionReferences.get(logical.toLowerCase()) : undefined;
  if (fromSolution?.connectorId) return { id: fromSolution.connectorId, apiId: fromSolution.apiId };
  return {};
}

function openApi(step: Step, refs: Map<string, ConnectionReference>, solution: Solution | undefined): ConnectorUse | undefined {
  const host = prop(step.inputs, 'host');
  if (!host) return undefined;
  const apiIdNode = prop(host, 'apiId');
  const apiId = str(apiIdNode);
  const connectionName = str(prop(host, 'connectionName'));
  const referenced = connectionName ? viaReference(connectionName, refs, solution) : {};
  const id = referenced.id ?? (apiId ? normalizeConnectorId(apiId) : undefined);
  if (!id) return undefined;
  const operationAt = prop(host, 'operationId');
  return {
    id,
    apiId: apiId ?? referenced.apiId,
    operationId: str(operationAt),
    operationAt,
    connectionName,
    at: host,
  };
}

function pathBased(step: Step, refs: Map<string, ConnectionReference>, solution: Solution | undefined): ConnectorUse | undefined {
  const host = prop(step.inputs, 'host');
  const nameNode = at(host, 'connection', 'name');
  const expression = str(nameNode);
  const key = expression ? CONNECTIONS_KEY.exec(expression)?.[1] : undefined;
  if (!key || !host) return undefined;
  const referenced = viaReference(key, refs, solution);
  const operationAt = at(step.node, 'metadata', 'flowSystemMetadata', 'swaggerOperationId') ?? prop(step.inputs, 'path');
  return {
    id: referenced.id ?? normalizeConnectorId(key.replace(/_\d+$/, '')),
    apiId: referenced.apiId,
    operationId: str(operationAt),
    operationAt,
    connectionName: key,
    at: nameNode ?? host,
  };
}

function builtin(id: string, at: JsonNode): ConnectorUse {
  return { id, at };
}

/** Request triggers of kind Http (or of no kind: the legacy form) are "When a HTTP request is received". */
function isHttpRequestTrigger(step: Step): boolean {
  return step.kind === 'trigger' && step.type.toLowerCase() === 'request' && (step.subKind === undefined || step.subKind.toLowerCase() === 'http');
}

/**
 * Where a built-in connector's findings point: the step's `type`, else its name. Looked up for
 * those only, not for every step: this runs for every step each time a flow is built.
 */
function typeNodeOf(step: Step): JsonNode {
  return prop(step.node, 'type') ?? step.nameNode;
}

export function resolveConnector(step: Step, refs: Map<string, ConnectionReference>, solution: Solution | undefined): ConnectorUse | undefined {
  const type = step.type.toLowerCase();
  if (type.startsWith('openapiconnection')) return openApi(step, refs, solution);
  if (type.startsWith('apiconnection')) return pathBased(step, refs, solution);
  if (type === 'http') return builtin(BUILTIN_HTTP, typeNodeOf(step));
  if (type === 'httpwebhook') return builtin(BUILTIN_HTTP_WEBHOOK, typeNodeOf(step));
  if (isHttpRequestTrigger(step)) return builtin(BUILTIN_HTTP_REQUEST_RECEIVED, typeNodeOf(step));
  return undefined;
}
