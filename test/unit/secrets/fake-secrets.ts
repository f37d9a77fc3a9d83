/**
 * Fake credentials in the shapes real ones have, built at run time from parts and a seeded
 * generator: no live-looking token is written in the repository (push protection scans for
 * provider prefixes), and every run builds the same values.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}-_`;
export const HEX = `${DIGITS}abcdef`;

/** mulberry32: small, seeded, good enough to scatter characters. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FakeSecrets {
  private readonly next: () => number;

  constructor(seed = 20240611) {
    this.next = generator(seed);
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  guid(): string {
    return [8, 4, 4, 4, 12].map((n) => this.chars(HEX, n)).join('-');
  }

  base64url(json: object): string {
    return Buffer.from(JSON.stringify(json)).toString('base64url');
  }
}

/** One sample per pattern of SECRET_PATTERNS: the text to scan and the secret inside it. */
export interface ShapeSample {
  patternId: string;
  text: string;
  secret: string;
}

export function shapeSamples(fake = new FakeSecrets()): ShapeSample[] {
  const whole = (patternId: string, secret: string): ShapeSample => ({ patternId, text: secret, secret });
  const pemBody = Array.from({ length: 4 }, () => fake.chars(BASE64, 64)).join('\n');
  const pem = `${'-----BEGIN '}RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`;
  const jwt = `${fake.base64url({ alg: 'RS256', typ: 'JWT' })}.${fake.base64url({ sub: 'fixture', iat: 1718000000 })}.${fake.chars(BASE64URL, 86)}`;
  const awsSecret = fake.chars(BASE64, 40);
  const slackPath = `T${fake.chars(UPPER + DIGITS, 10)}/B${fake.chars(UPPER + DIGITS, 10)}/${fake.chars(ALNUM, 24)}`;
  const teamsPath = `${fake.guid()}@${fake.guid()}/IncomingWebhook/${fake.chars(HEX, 32)}/${fake.guid()}`;
  return [
    whole('pem-private-key', pem),
    whole('jwt', jwt),
    whole('aws-access-key-id', `AK${'IA'}${fake.chars(UPPER + DIGITS, 16)}`),
    { patternId: 'aws-secret-access-key', text: `aws_secret_access_key = ${awsSecret}`, secret: awsSecret },
    whole('google-api-key', `AI${'za'}${fake.chars(BASE64URL, 35)}`),
    whole('azure-storage-account-key', `${fake.chars(BASE64, 86)}==`),
    whole('azure-ad-client-secret', `${fake.chars(ALNUM, 3)}8${'Q~'}${fake.chars(`${ALNUM}_.-`, 34)}`),
    whole('github-token', `gh${'p_'}${fake.chars(ALNUM, 36)}`),
    whole('github-fine-grained-token', `github${'_pat_'}${fake.chars(`${ALNUM}_`, 82)}`),
    whole('gitlab-token', `gl${'pat-'}${fake.chars(ALNUM, 20)}`),
    whole('slack-token', `xo${'xb-'}${fake.chars(DIGITS, 12)}-${fake.chars(DIGITS, 13)}-${fake.chars(ALNUM, 24)}`),
    { patternId: 'slack-webhook', text: `https://hooks.slack.com/${'services'}/${slackPath}`, secret: slackPath },
    { patternId: 'teams-webhook', text: `https://contoso.webhook.office.com/${'webhookb2'}/${teamsPath}`, secret: teamsPath },
    whole('anthropic-api-key', `sk-${'ant-api03-'}${fake.chars(BASE64URL, 93)}AA`),
    whole('openai-api-key', `sk-${'proj-'}${fake.chars(BASE64URL, 120)}`),
    whole('openai-legacy-api-key', `sk-${fake.chars(ALNUM, 20)}T3Blbk${'FJ'}${fake.chars(ALNUM, 20)}`),
    whole('stripe-key', `sk_${'live_'}${fake.chars(ALNUM, 24)}`),
    whole('stripe-webhook-secret', `whsec${'_'}${fake.chars(ALNUM, 32)}`),
    whole('sendgrid-api-key', `S${'G.'}${fake.chars(BASE64URL, 22)}.${fake.chars(BASE64URL, 43)}`),
    whole('twilio-api-key', `S${'K'}${fake.chars(HEX, 32)}`),
    whole('npm-token', `np${'m_'}${fake.chars(ALNUM, 36)}`),
  ];
}
