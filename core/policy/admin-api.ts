import type { JsonNode } from '../artifacts/json';
import type { PolicyReader } from './reader';
import { readTenantPolicy } from './tenant-policy';
import { readConnectorConfigurations } from './tenant-rules';
import { readUrlPatterns, sortUrlPatterns } from './url-patterns';
import type { DlpPolicy } from './types';

/**
 * One policy as the admin API (api-version 2020-10-01) returns it: `policyDefinition` with the
 * groups and scope, `connectorConfigurationsDefinition` with action and endpoint rules, and
 * `customConnectorUrlPatternsDefinition`, which classifies custom connectors by their host URL.
 */
export function readAdminApiPolicy(reader: PolicyReader, node: JsonNode): DlpPolicy {
  const entry = reader.object(node, 'an admin API policy');
  const definition = reader.get(entry, 'policyDefinition');
  if (!definition) reader.fail(entry, 'an admin API policy needs a "policyDefinition"');
  const configurations = reader.get(entry, 'connectorConfigurationsDefinition');
  const urlPatterns = reader.get(entry, 'customConnectorUrlPatternsDefinition');
  return readTenantPolicy(reader, {
    definition,
    node: entry,
    format: 'admin-api-v2',
    addRules: (builder) => {
      if (configurations) readConnectorConfigurations(reader, builder, configurations);
      if (urlPatterns) builder.setUrlPatterns(sortUrlPatterns(reader, readUrlPatterns(reader, urlPatterns), urlPatterns));
    },
  });
}
