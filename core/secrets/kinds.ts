/**
 * What a found secret is. The id goes into a finding's `data.kind` (machine-readable, stable);
 * the label goes into its message.
 */
export const SECRET_KINDS = {
  // HTTP authentication objects (inputs.authentication)
  'basic-password': 'Basic authentication password',
  'client-certificate-pfx': 'client certificate (PFX)',
  'client-certificate-password': 'client certificate password',
  'oauth-client-secret': 'OAuth client secret',
  'raw-authorization': 'raw Authorization value',
  // headers and credential-named fields
  'authorization-header': 'Authorization header credential',
  'password': 'password',
  'api-key': 'API key',
  'token': 'token',
  'secret': 'secret',
  // URLs and connection strings
  'sas-signature': 'shared access signature (sig)',
  'url-query-secret': 'URL credential',
  'url-password': 'password in a URL',
  'connection-string-secret': 'connection string secret',
  // tokens recognised by their shape
  'jwt': 'JSON Web Token',
  'private-key': 'private key',
  'aws-access-key-id': 'AWS access key id',
  'aws-secret-access-key': 'AWS secret access key',
  'google-api-key': 'Google API key',
  'azure-storage-account-key': 'Azure storage account key',
  'azure-ad-client-secret': 'Microsoft Entra ID client secret',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack incoming webhook URL',
  'teams-webhook': 'Teams incoming webhook URL',
  'openai-api-key': 'OpenAI API key',
  'anthropic-api-key': 'Anthropic API key',
  'stripe-key': 'Stripe API key',
  'sendgrid-api-key': 'SendGrid API key',
  'twilio-api-key': 'Twilio API key',
  'npm-token': 'npm access token',
} as const;

export type SecretKind = keyof typeof SECRET_KINDS;

export function secretLabel(kind: SecretKind): string {
  return SECRET_KINDS[kind];
}

/** One secret inside a string: its kind and where it sits, as offsets into the decoded value. */
export interface SecretMatch {
  kind: SecretKind;
  start: number;
  end: number;
  /** What names it inside the value, when something does: a query parameter, a connection string key. */
  name?: string;
}
