import { prop, str, type JsonNode } from '../artifacts/json';
import { credentialName } from './credential-name';
import type { ValueRole } from './detect';
import type { SecretKind } from './kinds';
import { queryParameterRole } from './url-secrets';

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
  const container = objectKey?.toLowerCase();
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

function siblingName(key: string, object: JsonNode): string | undefined {
  if (NAMED_VALUE_KEYS.has(key)) return str(prop(object, 'name'));
  if (/\.value$/i.test(key)) return str(prop(object, `${key.slice(0, -'value'.length)}name`));
  return undefined;
}
