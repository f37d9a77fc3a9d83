import type { JsonNode } from '../artifacts/json';
import type { PolicyReader } from './reader';
import { readTenantPolicy } from './tenant-policy';
import { readConnectorConfigurations } from './tenant-rules';
import type { DlpPolicy } from './types';

/**
 * One policy as the admin API (api-version 2020-10-01) returns it: `policyDefinition` with the
 * groups and scope, `connectorConfigurationsDefinition` with action and endpoint rules.
 * `customConnectorUrlPatternsDefinition` classifies custom connectors by host URL, which an
 * exported flow does not carry, so it is not read.
 */
export function readAdminApiPolicy(reader: PolicyReader, node: JsonNode): DlpPolicy {
  const entry = reader.object(node, 'an admin API policy');
  const definition = reader.get(entry, 'policyDefinition');
  if (!definition) reader.fail(entry, 'an admin API policy needs a "policyDefinition"');
  const configurations = reader.get(entry, 'connectorConfigurationsDefinition');
  return readTenantPolicy(reader, {
    definition,
    node: entry,
    format: 'admin-api-v2',
    ...(configurations ? { addRules: (builder) => readConnectorConfigurations(reader, builder, configurations) } : {}),
  });
}
