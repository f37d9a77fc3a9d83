import { credentialName } from './credential-name';
import type { SecretMatch } from './kinds';
import { isPlausibleSecret } from './plausible';

/** `"name": "value"` inside a string: JSON written as text (a Compose input, a JSON environment variable). */
const JSON_PAIR = /"(?<name>[A-Za-z_$][\w$ .-]{0,60})"\s{0,10}:\s{0,10}"(?<secret>[^"\\]{1,1000})"/dg;

/** Credential-named members of JSON text held in a string. */
export function findEmbeddedPairs(text: string): SecretMatch[] {
  if (!text.includes('"')) return [];
  const found: SecretMatch[] = [];
  for (const m of text.matchAll(JSON_PAIR)) {
    const name = m.groups?.['name'] ?? '';
    const secret = m.indices?.groups?.['secret'];
    const by = credentialName(name);
    if (!secret || !by || !isPlausibleSecret(text.slice(secret[0], secret[1]), by)) continue;
    found.push({ kind: by.kind, start: secret[0], end: secret[1], name });
  }
  return found;
}
