import { items, prop, propIgnoreCase, str, type JsonDocument } from '../artifacts/json';
import type { DeploymentSettings } from '../model/types';

/** An ALM deploymentSettings.json: environment variable values and connection references per stage. */
export function isDeploymentSettings(doc: JsonDocument): boolean {
  return doc.root.type === 'object' && (prop(doc.root, 'EnvironmentVariables') !== undefined || prop(doc.root, 'ConnectionReferences') !== undefined);
}

export function readDeploymentSettings(doc: JsonDocument): DeploymentSettings {
  return {
    doc,
    environmentVariables: items(prop(doc.root, 'EnvironmentVariables')).map((node) => ({
      schemaName: str(propIgnoreCase(node, 'SchemaName')) ?? '',
      value: str(propIgnoreCase(node, 'Value')),
      node,
      valueNode: propIgnoreCase(node, 'Value'),
    })),
    connectionReferences: items(prop(doc.root, 'ConnectionReferences')).map((node) => ({
      logicalName: str(propIgnoreCase(node, 'LogicalName')) ?? '',
      connectionId: str(propIgnoreCase(node, 'ConnectionId')),
      connectorId: str(propIgnoreCase(node, 'ConnectorId')),
      node,
    })),
  };
}
