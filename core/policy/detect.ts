import { prop, propIgnoreCase, str, type JsonNode } from '../artifacts/json';

export type PolicyShape = 'flowguard' | 'scubagear' | 'admin-api' | 'get-dlppolicy' | 'list' | 'unknown';

/** Keys only the Get-DlpPolicy object (and the admin API's policyDefinition) have. */
const TENANT_KEYS = ['connectorGroups', 'defaultConnectorsClassification', 'environmentType'];
const FLOWGUARD_KEYS = ['business', 'nonBusiness', 'blocked', 'default', 'environments', 'actions', 'endpoints', 'customConnectors'];

/**
 * Tells the formats apart by shape, never by file name: tenant exports arrive under any name.
 * The FlowGuard format is claimed by its `$schema` (so its schema errors are reported, not a
 * guess at another format) or by any of its own keys (business, default, ...), which lose to tenant keys.
 */
export function detectShape(node: JsonNode): PolicyShape {
  if (node.type === 'array') return 'list';
  if (node.type !== 'object') return 'unknown';
  const schema = str(propIgnoreCase(node, '$schema'));
  if (schema && /flowguard/i.test(schema) && /dlp/i.test(schema)) return 'flowguard';
  if (propIgnoreCase(node, 'policyDefinition')) return 'admin-api';
  if (TENANT_KEYS.some((k) => propIgnoreCase(node, k))) return 'get-dlppolicy';
  if (propIgnoreCase(node, 'dlp_policies')) return 'scubagear';
  if (propIgnoreCase(node, 'value')?.type === 'array') return 'list';
  if (FLOWGUARD_KEYS.some((k) => prop(node, k) !== undefined)) return 'flowguard';
  return 'unknown';
}
