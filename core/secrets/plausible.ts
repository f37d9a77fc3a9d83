import type { CredentialName } from './credential-name';
import { looksRandom } from './entropy';
import { isPlaceholder } from './placeholder';

/** Shortest value an authentication field (Basic password, client secret) is reported with. */
export const FIXED_MIN_LENGTH = 4;
/** Shortest value a field named like a credential (password, apiKey, x-api-key) is reported with. */
export const EXPLICIT_MIN_LENGTH = 6;

/**
 * Where a secret is kept, not the secret: Azure resource ids (a Key Vault secret reference in a
 * Secret environment variable), folder paths, Key Vault URIs.
 */
const REFERENCE = /^(?:\/[^/\s]+\/|[A-Za-z]:\\)|\.vault\.azure\.net\//i;

/**
 * Whether the literal text held by a credential field or name is a real credential. Values with
 * whitespace under a credential name are prose (descriptions, labels); URLs are endpoints.
 * `fixed` is for the fields whose only meaning is a credential (inputs.authentication.password).
 */
export function isPlausibleSecret(value: string, by: CredentialName | 'fixed'): boolean {
  if (isPlaceholder(value)) return false;
  if (by === 'fixed') return value.length >= FIXED_MIN_LENGTH;
  if (by.strength === 'generic') return looksRandom(value);
  if (value.length < EXPLICIT_MIN_LENGTH || /\s/.test(value) || value.includes('://') || REFERENCE.test(value)) return false;
  return !/^(?:true|false|null|undefined)$/i.test(value);
}
