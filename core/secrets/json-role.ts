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
      return fixed ? { fixed, scheme: fixed === 'raw-authorization' } : {};
    }
  }
  // {"name": "apiKey", "value": "..."}: variables and name/value lists name their value beside it.
  const sibling = key === 'value' ? str(prop(object, 'name')) : undefined;
  const name = credentialName(key) ?? (sibling === undefined ? undefined : credentialName(sibling));
  if (!name) return {};
  return { name, scheme: name.kind === 'authorization-header' };
}
