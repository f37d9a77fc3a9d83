import { entries, items, prop, str, type JsonDocument } from '../artifacts/json';
import type { CustomConnector } from './types';

/** What a custom connector's Swagger 2.0 definition says about where its calls go and how they sign in. */
export interface OpenApiSummary {
  title?: string;
  host?: string;
  hostKind: CustomConnector['hostKind'];
  hostVariable?: string;
  basePath?: string;
  schemes: string[];
  /** securityDefinitions types: 'oauth2', 'apiKey', 'basic'. */
  authTypes: string[];
}

// A solution-aware connector may take its host from an environment variable, written
// `@environmentVariables("prefix_Name")`; the value is read when the connector is saved
// (https://learn.microsoft.com/connectors/custom-connectors/environment-variables).
const ENVIRONMENT_VARIABLE_HOST = /^\s*@\{?\s*environmentVariables\(\s*(["'])([^"']+)\1\s*\)\s*\}?\s*$/i;

/** Classifies a definition's host: a name, one environment variable, or some other expression. */
export function classifyHost(host: string | undefined): Pick<OpenApiSummary, 'host' | 'hostKind' | 'hostVariable'> {
  if (host === undefined || host.trim() === '') return { hostKind: 'missing' };
  const variable = ENVIRONMENT_VARIABLE_HOST.exec(host);
  if (variable) return { host, hostKind: 'environment-variable', hostVariable: variable[2] };
  if (host.includes('@') || host.includes('{')) return { host, hostKind: 'expression' };
  return { host: host.trim(), hostKind: 'literal' };
}

/**
 * Reads the fields of a Swagger 2.0 document that decide where a connector sends data
 * (https://swagger.io/specification/v2/: host, basePath, schemes, securityDefinitions). Custom
 * connectors support only Swagger 2.0, so an OpenAPI 3 `servers` list is not read
 * (https://learn.microsoft.com/connectors/custom-connectors/define-openapi-definition).
 */
export function readOpenApiSummary(doc: JsonDocument): OpenApiSummary {
  const root = doc.root;
  const schemes = items(prop(root, 'schemes')).map(str).filter((s): s is string => !!s).map((s) => s.toLowerCase());
  const authTypes = entries(prop(root, 'securityDefinitions'))
    .map(([, scheme]) => str(prop(scheme, 'type')))
    .filter((t): t is string => !!t);
  return {
    title: str(prop(prop(root, 'info'), 'title'))?.trim() || undefined,
    ...classifyHost(str(prop(root, 'host'))),
    basePath: str(prop(root, 'basePath')),
    // Swagger 2.0: without `schemes`, the scheme used to fetch the definition; for a connector, https.
    schemes: schemes.length > 0 ? schemes : ['https'],
    authTypes: [...new Set(authTypes)],
  };
}
