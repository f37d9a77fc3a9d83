import type { SecretKind } from './kinds';

/**
 * Tokens recognised by their shape wherever they appear. Each regex is global and is only ever
 * run through String.prototype.matchAll, which copies it, so no `lastIndex` is shared between
 * calls. Every regex is linear: character classes that exclude what follows them, bounded
 * repetitions, and lookbehinds that only let a match start where a run of key characters starts.
 * A `secret` group, when there is one, is the part to mask and point at (the rest is context).
 */
export interface SecretPattern {
  id: string;
  kind: SecretKind;
  description: string;
  regex: RegExp;
  /**
   * Lower-case text one of which every match contains, and the shortest match: a cheap test
   * that spares most strings the regex. Nothing here decides a match; the regex does.
   */
  anchors?: readonly string[];
  minLength: number;
  /** A second look at a match the regex alone cannot judge (a JWT header must decode to JSON). */
  accept?: (secret: string) => boolean;
  /** Where the secret ends when the regex only finds where it begins (a PEM block). */
  extend?: (text: string, matchEnd: number) => number | undefined;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'pem-private-key',
    kind: 'private-key',
    description: 'PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted)',
    regex: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g,
    anchors: ['-----begin '],
    minLength: 40,
    extend: pemBlockEnd,
  },
  {
    id: 'jwt',
    kind: 'jwt',
    description: 'signed JSON Web Token (header and payload are base64url JSON objects)',
    regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
    anchors: ['eyj'],
    minLength: 40,
    accept: jwtHeaderNamesAlgorithm,
  },
  {
    id: 'aws-access-key-id',
    kind: 'aws-access-key-id',
    description: 'AWS access key id (AKIA long-term, ASIA temporary)',
    regex: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g,
    anchors: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    minLength: 20,
  },
  {
    id: 'aws-secret-access-key',
    kind: 'aws-secret-access-key',
    description: 'AWS secret access key after an aws_secret_access_key / SecretAccessKey label',
    regex: /\b(?:aws_?)?secret_?access_?key["']?\s{0,5}[:=]\s{0,5}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
    anchors: ['access'],
    minLength: 50,
  },
  {
    id: 'google-api-key',
    kind: 'google-api-key',
    description: 'Google Cloud / Firebase API key (AIza...)',
    regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    anchors: ['aiza'],
    minLength: 39,
  },
  {
    id: 'azure-storage-account-key',
    kind: 'azure-storage-account-key',
    description: 'Azure storage account key (64 bytes, 88 base64 characters)',
    regex: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g,
    minLength: 88,
    accept: (secret) => new Set(secret).size >= 20,
  },
  {
    id: 'azure-ad-client-secret',
    kind: 'azure-ad-client-secret',
    description: 'Microsoft Entra ID application client secret (the "8Q~" form)',
    regex: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    anchors: ['q~'],
    minLength: 37,
  },
  {
    id: 'github-token',
    kind: 'github-token',
    description: 'GitHub personal access, OAuth, app or refresh token (ghp_, gho_, ghu_, ghs_, ghr_)',
    regex: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g,
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    minLength: 40,
  },
  {
    id: 'github-fine-grained-token',
    kind: 'github-token',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    regex: /\bgithub_pat_[A-Za-z0-9_]{22,251}\b/g,
    anchors: ['github_pat_'],
    minLength: 33,
  },
  {
    id: 'gitlab-token',
    kind: 'gitlab-token',
    description: 'GitLab personal, project or group access token (glpat-)',
    regex: /\bglpat-[A-Za-z0-9_-]{20,250}/g,
    anchors: ['glpat-'],
    minLength: 26,
  },
  {
    id: 'slack-token',
    kind: 'slack-token',
    description: 'Slack bot, user, app or configuration token (xoxb-, xoxp-, xoxa-, xoxe-, ...)',
    regex: /\bxox[abposre]-[A-Za-z0-9-]{10,250}/g,
    anchors: ['xox'],
    minLength: 15,
  },
  {
    id: 'slack-webhook',
    kind: 'slack-webhook',
    description: 'Slack incoming webhook or workflow trigger URL',
    regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9_/-]{20,300})/dg,
    anchors: ['hooks.slack.com'],
    minLength: 50,
  },
  {
    id: 'teams-webhook',
    kind: 'teams-webhook',
    description: 'Microsoft Teams incoming webhook URL (webhook.office.com/webhookb2/...)',
    regex: /https:\/\/[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/(?<secret>[A-Za-z0-9@/_-]{40,400})/dg,
    anchors: ['webhook.office.com'],
    minLength: 79,
  },
  {
    id: 'anthropic-api-key',
    kind: 'anthropic-api-key',
    description: 'Anthropic API or admin key (sk-ant-api03-, sk-ant-admin01-)',
    regex: /\bsk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,250}/g,
    anchors: ['sk-ant-'],
    minLength: 90,
  },
  {
    id: 'openai-api-key',
    kind: 'openai-api-key',
    description: 'OpenAI project, service account or admin key (sk-proj-, sk-svcacct-, sk-admin-)',
    regex: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}/g,
    anchors: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    minLength: 48,
  },
  {
    id: 'openai-legacy-api-key',
    kind: 'openai-api-key',
    description: 'OpenAI user API key of the older form (sk-...T3BlbkFJ...)',
    regex: /\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/g,
    anchors: ['t3blbkfj'],
    minLength: 51,
  },
  {
    id: 'stripe-key',
    kind: 'stripe-key',
    description: 'Stripe secret or restricted key (sk_live_, rk_live_, sk_test_, rk_test_)',
    regex: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{20,250}\b/g,
    anchors: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    minLength: 28,
  },
  {
    id: 'stripe-webhook-secret',
    kind: 'stripe-key',
    description: 'Stripe webhook signing secret (whsec_)',
    regex: /\bwhsec_[A-Za-z0-9+/]{24,250}/g,
    anchors: ['whsec_'],
    minLength: 30,
  },
  {
    id: 'sendgrid-api-key',
    kind: 'sendgrid-api-key',
    description: 'SendGrid API key (SG.<22>.<43>)',
    regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    anchors: ['sg.'],
    minLength: 69,
  },
  {
    id: 'twilio-api-key',
    kind: 'twilio-api-key',
    description: 'Twilio API key SID (SK and 32 hex digits)',
    regex: /\bSK[0-9a-f]{32}\b/g,
    anchors: ['sk'],
    minLength: 34,
  },
  {
    id: 'npm-token',
    kind: 'npm-token',
    description: 'npm access token (npm_)',
    regex: /\bnpm_[A-Za-z0-9]{36}\b/g,
    anchors: ['npm_'],
    minLength: 40,
  },
];

/** A PEM block runs to its END line; a header with no base64 body after it is documentation. */
function pemBlockEnd(text: string, matchEnd: number): number | undefined {
  const end = text.indexOf('-----END ', matchEnd);
  const close = end < 0 ? -1 : text.indexOf('-----', end + 9);
  const stop = close < 0 ? text.length : close + 5;
  return /[A-Za-z0-9+/]{32}/.test(text.slice(matchEnd, stop)) ? stop : undefined;
}

/** A JWT's first part is a base64url JSON header naming its algorithm. */
function jwtHeaderNamesAlgorithm(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}
