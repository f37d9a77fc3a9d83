import { prop, str, type JsonNode } from '../artifacts/json';
import { credentialName } from './credential-name';
import type { ValueRole } from './detect';
import type { SecretKind } from './kinds';
import { queryParameterRole } from './url-secrets';
import { ownString } from '../text/own-string';

/**
 * The credential fields of each HTTP authentication type (inputs.authentication.type), lower-case.
 * Fields not listed (username, tenant, audience, clientId, authority) are not secrets.
 */
const AUTHENTICATION_FIELDS: Readonly<Record<string, Readonly<Record<string, SecretKind>>>> = {
  basic: { password: 'basic-password' },
  clientcertificate: { pfx: 'client-certificate-pfx', password: 'client-certificate-password' },
  activedirectoryoauth: { secret: 'oauth-client-secret', pfx: 'client-certificate-pfx', password: 'client-certificate-password' },
  raw: { value: 'raw-authorization' },
};

/** The role of most members: none. Shared, so that a scan allocates nothing for them; never changed. */
const NO_ROLE: ValueRole = Object.freeze({});

/**
 * What a string under `key` of `object` is, given the key `object` itself sits under: a field of
 * an authentication object, a query parameter, or a member whose name may say "credential".
 */
export function roleOf(key: string, object: JsonNode, objectKey: string | undefined): ValueRole {
  return roleIn(key, object, objectKey?.toLowerCase());
}

// Keys whose members have no role whatever object holds them, unless that object sits under
// 'queries' or 'authentication': no credential name, no name beside them (see siblingName). The
// secret scan asks for the role of every string member of every step, and the same keys (type,
// inputs, host, operationId, connectionName, ...) come back in every step. Bounded, each kept key
// copied so that it keeps no file text alive (core/text/own-string.ts).
const PLAIN = new Set<string>();
const PLAIN_MAX = 10_000;

/** roleOf with the object's own key already lower-cased: the secret scan does that once an object. */
export function roleIn(key: string, object: JsonNode, container: string | undefined): ValueRole {
  const special = container === 'queries' || container === 'authentication';
  if (!special && PLAIN.has(key)) return NO_ROLE;
  const role = keyRole(key, object, container);
  if (!special && role === NO_ROLE && !NAMED_VALUE_KEYS.has(key) && !VALUE_SUFFIX.test(key)) {
    if (PLAIN.size >= PLAIN_MAX) PLAIN.clear();
    PLAIN.add(ownString(key));
  }
  return role;
}

function keyRole(key: string, object: JsonNode, container: string | undefined): ValueRole {
  if (container === 'queries') {
    const query = queryParameterRole(key);
    if (query) return { name: query };
  }
  if (container === 'authentication') {
    const type = str(prop(object, 'type'))?.toLowerCase();
    const fields = type === undefined ? undefined : AUTHENTICATION_FIELDS[type];
    if (fields) {
      const fixed = fields[key.toLowerCase()];
      return fixed ? { fixed, scheme: fixed === 'raw-authorization' } : NO_ROLE;
    }
  }
  // {"name": "apiKey", "value": "..."}: variables and name/value lists name their value beside it,
  // as do OpenAPI parameters their default or example, and a custom connector's policy templates
  // their header value ("x-ms-apimTemplateParameter.name" beside "x-ms-apimTemplateParameter.value").
  const sibling = siblingName(key, object);
  const name = credentialName(key) ?? (sibling === undefined ? undefined : credentialName(sibling));
  if (!name) return NO_ROLE;
  return { name, scheme: name.kind === 'authorization-header' };
}

const NAMED_VALUE_KEYS = new Set(['value', 'default', 'example', 'x-example']);
const VALUE_SUFFIX = /\.value$/i;

function siblingName(key: string, object: JsonNode): string | undefined {
  if (NAMED_VALUE_KEYS.has(key)) return str(prop(object, 'name'));
  if (VALUE_SUFFIX.test(key)) return str(prop(object, `${key.slice(0, -'value'.length)}name`));
  return undefined;
}
