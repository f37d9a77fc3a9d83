import { entries, items, prop, str, type JsonNode } from '../artifacts/json';

/** What a custom connector's connection parameters say: how a connection signs in, and names the connector goes by. */
export interface ConnectionParametersSummary {
  authTypes: string[];
  /** Connector ids ('shared_<name>') named by per-connector OAuth redirect URLs. */
  apiNames: string[];
}

/**
 * Connection parameter types as the OpenAPI security types they stand for: an `oauthSetting`
 * is OAuth 2.0, a `securestring` named api_key is an API key, username and password are basic
 * auth (https://learn.microsoft.com/connectors/custom-connectors/paconn-cli#api-properties-file).
 */
function authTypeOf(name: string, type: string | undefined): string | undefined {
  if (type === 'oauthSetting') return 'oauth2';
  if (type !== 'securestring') return undefined;
  if (/^(username|password)$/i.test(name)) return 'basic';
  return 'apiKey';
}

// Since 2024 a connector's OAuth redirect URL is unique to it unless it opts out
// ("redirectMode": "GlobalPerConnector"): '.../redirect/<name>', where <name> is the connector id
// without 'shared_' (seen in every exported connector of the corpus that signs in with OAuth).
const PER_CONNECTOR_REDIRECT = /^https:\/\/[^/]+\/redirect\/([a-z0-9][a-z0-9-]*)\/?$/i;

/** The parameter maps of either file shape: one map, or `values[].parameters` of a parameter set. */
function parameterMaps(root: JsonNode | undefined): JsonNode[] {
  const sets = items(prop(root, 'values'));
  if (sets.length > 0) return sets.map((set) => prop(set, 'parameters')).filter((p): p is JsonNode => !!p);
  return root && root.type === 'object' ? [root] : [];
}

/**
 * Reads `_connectionparameters.json`, `_connectionparametersets.json` (several ways to sign in),
 * or the same maps inside a paconn apiProperties.json. `null` and `{}` (no authentication) give nothing.
 */
export function readConnectionParameters(root: JsonNode | undefined): ConnectionParametersSummary {
  const authTypes = new Set<string>();
  const apiNames = new Set<string>();
  for (const map of parameterMaps(root)) {
    for (const [key, parameter] of entries(map)) {
      const auth = authTypeOf(String(key.value), str(prop(parameter, 'type')));
      if (auth) authTypes.add(auth);
      const redirect = str(prop(prop(parameter, 'oAuthSettings'), 'redirectUrl'));
      const name = redirect ? PER_CONNECTOR_REDIRECT.exec(redirect.trim())?.[1] : undefined;
      if (name) apiNames.add(`shared_${name.toLowerCase()}`);
    }
  }
  return { authTypes: [...authTypes], apiNames: [...apiNames] };
}
