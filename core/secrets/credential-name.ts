import type { SecretKind } from './kinds';
import { ownString } from '../text/own-string';
import { wordsOf } from './words';

/**
 * How strongly a field, header, parameter or variable name says its value is a credential.
 * `explicit` names (password, clientSecret, x-api-key) make any real value a finding;
 * `generic` names (key, token) only a value that looks random.
 */
export interface CredentialName {
  strength: 'explicit' | 'generic';
  kind: SecretKind;
}

/** Names, with their words run together, that always hold a credential, by the kind they hold. */
const EXPLICIT_BY_KIND: Readonly<Partial<Record<SecretKind, string>>> = {
  'password': 'password passwd pwd passphrase passcode',
  'api-key':
    'apikey subscriptionkey functionkey functionskey hostkey masterkey accesskey secretkey privatekey accountkey ' +
    'storagekey sharedaccesskey signingkey encryptionkey appkey licensekey consumerkey',
  'token': 'accesstoken refreshtoken authtoken bearertoken apitoken sastoken idtoken sessiontoken personalaccesstoken bottoken webhooktoken',
  'secret': 'secret secrets apisecret sharedsecret webhooksecret sig',
  'oauth-client-secret': 'clientsecret appsecret applicationsecret consumersecret',
  'authorization-header': 'authorization proxyauthorization',
};

const EXPLICIT: ReadonlyMap<string, SecretKind> = new Map(
  Object.entries(EXPLICIT_BY_KIND).flatMap(([kind, names]) => names.split(' ').map((name) => [name, kind as SecretKind] as const)),
);

/** Last words that alone say "key" or "token" without saying what kind. */
const GENERIC: ReadonlyMap<string, SecretKind> = new Map<string, SecretKind>([['key', 'api-key'], ['token', 'token']]);

/**
 * Words before "key" or "token" that make it a data key, not a credential: storage keys,
 * paging tokens, dictionary keys, public keys.
 */
const NOT_CREDENTIAL = new Set(
  ('partition row sort primary foreign unique composite lookup cache idempotency dedup dedupe correlation group ' +
    'message map object item list entity column field property record table dictionary registry hot short public ' +
    'next continuation page paging skip sync delta change cursor resume pagination search resource config setting ' +
    'settings request form csrf xsrf antiforgery translation localization sharepoint routing idempotent')
    .split(' '),
);

/** Every credential name holds one of these; most keys of a flow (type, inputs, host) hold none. */
const MAY_NAME_CREDENTIAL = /pass|pwd|secret|key|token|auth|sig/i;

/** Classifies a name; undefined when it does not name a credential (`clientId`, `secretName`, `tokenUrl`). */
export function credentialName(name: string): CredentialName | undefined {
  if (!MAY_NAME_CREDENTIAL.test(name)) return undefined;
  if (NOT_NAMES.has(name)) return undefined;
  const found = classify(name);
  if (found === undefined) rememberNotName(name);
  return found;
}

// Names that hold a telling part ('auth', 'key') but name no credential, once found so: the
// secret scan asks about every key of every step, and 'authentication', 'keyName', 'tokenUrl'
// come back in every flow (splitting a name into words is most of the cost). Bounded, each kept
// name copied so that it keeps no file text alive (core/text/own-string.ts).
const NOT_NAMES = new Set<string>();
const NOT_NAMES_MAX = 10_000;

function rememberNotName(name: string): void {
  if (name.length > 200) return;
  if (NOT_NAMES.size >= NOT_NAMES_MAX) NOT_NAMES.clear();
  NOT_NAMES.add(ownString(name));
}

function classify(name: string): CredentialName | undefined {
  // Key paths of connector parameters ('body/Password', 'item/ApiKey') end in the field name.
  const words = wordsOf(name.slice(name.lastIndexOf('/') + 1));
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const joined = words.slice(words.length - n).join('');
    const kind = EXPLICIT.get(joined);
    if (kind) return { strength: 'explicit', kind };
  }
  const generic = GENERIC.get(last);
  const before = words[words.length - 2];
  if (generic && (before === undefined || !NOT_CREDENTIAL.has(before))) return { strength: 'generic', kind: generic };
  return undefined;
}

/** The stronger reading of several names for one value (an environment variable's schema and display names). */
export function strongestCredentialName(names: readonly (string | undefined)[]): CredentialName | undefined {
  let best: CredentialName | undefined;
  for (const name of names) {
    const found = name ? credentialName(name) : undefined;
    if (found && (!best || (best.strength === 'generic' && found.strength === 'explicit'))) best = found;
  }
  return best;
}
