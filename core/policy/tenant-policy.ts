import type { JsonNode } from '../artifacts/json';
import { PolicyBuilder } from './builder';
import type { PolicyReader } from './reader';
import type { DlpPolicy, EnvironmentRef, EnvironmentScope, Group } from './types';

/** The platform's names for the groups: Business is "Confidential", Non-Business is "General". */
export const TENANT_CLASSIFICATION: Record<string, Group> = {
  Confidential: 'business',
  General: 'nonBusiness',
  Blocked: 'blocked',
};

const ENVIRONMENT_TYPE: Record<string, EnvironmentScope['type']> = {
  AllEnvironments: 'all',
  OnlyEnvironments: 'only',
  ExceptEnvironments: 'except',
  SingleEnvironment: 'single',
};

export interface TenantPolicyInput {
  /** The object holding name, connectorGroups, environmentType (policyDefinition, or the flat policy). */
  definition: JsonNode;
  /** The node `at` points to: the whole entry, wrapper included. */
  node: JsonNode;
  format: DlpPolicy['format'];
  /** Display names by environment name, when the file carries an environment list (ScubaGear). */
  environmentNames?: ReadonlyMap<string, string>;
  /** Lets the admin API reader add action and endpoint rules before the policy is built. */
  addRules?: (builder: PolicyBuilder) => void;
}

/** Reads the policy definition shared by the admin API and Get-DlpPolicy shapes. */
export function readTenantPolicy(reader: PolicyReader, input: TenantPolicyInput): DlpPolicy {
  const def = reader.object(input.definition, 'a DLP policy');
  const name = reader.optionalString(def, 'name');
  const displayName = reader.optionalString(def, 'displayName');
  if (!name && !displayName) reader.fail(def, 'a DLP policy needs a "name" or a "displayName"');

  const builder = new PolicyBuilder(reader, false);
  // The admin API's list call leaves connectorGroups out; such a policy still loads, listing nothing.
  for (const group of reader.array(def, 'connectorGroups')) readGroup(reader, builder, group);
  input.addRules?.(builder);

  return builder.build({
    name: (name ?? displayName) as string,
    displayName: displayName ?? (name as string),
    format: input.format,
    // The platform's own default for a new policy is Non-Business ("General").
    defaultGroup: reader.choice(def, 'defaultConnectorsClassification', TENANT_CLASSIFICATION) ?? 'nonBusiness',
    scope: readScope(reader, def, input.environmentNames),
    node: input.node,
  });
}

function readGroup(reader: PolicyReader, builder: PolicyBuilder, node: JsonNode): void {
  const group = reader.object(node, 'a connector group');
  const classification = reader.choice(group, 'classification', TENANT_CLASSIFICATION);
  if (!classification) reader.fail(group, 'a connector group needs a "classification" (Confidential, General or Blocked)');
  for (const entry of reader.requiredArray(group, 'connectors', 'a connector group')) {
    const connector = reader.object(entry, 'a connector entry');
    const id = reader.requiredString(connector, 'id', 'a connector entry');
    builder.addConnector(id, classification, connector, reader.optionalString(connector, 'name'));
  }
}

function readScope(reader: PolicyReader, def: JsonNode, names: ReadonlyMap<string, string> | undefined): EnvironmentScope {
  const type = reader.choice(def, 'environmentType', ENVIRONMENT_TYPE) ?? 'all';
  if (type === 'all') return { type };
  const environments = reader.array(def, 'environments').map((node) => readEnvironment(reader, node, names));
  return { type, environments };
}

function readEnvironment(reader: PolicyReader, node: JsonNode, names: ReadonlyMap<string, string> | undefined): EnvironmentRef {
  const env = reader.object(node, 'an environment entry');
  const id = reader.optionalString(env, 'id');
  const name = reader.optionalString(env, 'name');
  if (!id && !name) reader.fail(env, 'an environment entry needs an "id" or a "name"');
  const displayName = reader.optionalString(env, 'displayName') ?? (name ? names?.get(name.toLowerCase()) : undefined);
  return { ...(id ? { id } : {}), ...(name ? { name } : {}), ...(displayName ? { displayName } : {}) };
}
