import * as assert from 'node:assert/strict';
import { redactText, redactUrl } from '../../../core/secrets/redact';
import { ALNUM, BASE64, FakeSecrets, shapeSamples } from './fake-secrets';

const fake = new FakeSecrets(7);
/** Long enough that a leak of any 8 characters is caught; built at run time, never written out. */
const secret = (length = 40): string => fake.chars(ALNUM, length);

/** No 8-character piece of `value` survives in `text`; the message never prints the value itself. */
function assertHidden(text: string, value: string, what: string): void {
  for (let i = 0; i + 8 <= value.length; i++) {
    assert.ok(!text.includes(value.slice(i, i + 8)), `${what}: part of a ${value.length}-character secret is shown`);
  }
}

describe('secrets/redactUrl', () => {
  const parameters = ['sig', 'code', 'key', 'api_key', 'apikey', 'api-key', 'token', 'access_token', 'client_secret', 'password', 'secret', 'x-functions-key', 'Subscription-Key', 'refresh_token', 'clientSecret'];
  for (const name of parameters) {
    it(`masks the value of '${name}' and keeps the rest of the URL`, () => {
      const value = secret();
      const out = redactUrl(`https://api.example.com/v1/items?page=2&${name}=${value}&format=json`);
      assertHidden(out, value, name);
      assert.equal(out, `https://api.example.com/v1/items?page=2&${name}=${value.slice(0, 4)}…&format=json`);
    });
  }

  it('keeps the SAS parts that are not the signature (sv, se, sp, sr) and masks sig', () => {
    const sig = fake.chars(BASE64, 43);
    const url = `https://acct.blob.core.windows.net/c/file.csv?sv=2022-11-02&se=2030-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=${encodeURIComponent(sig)}`;
    const out = redactUrl(url);
    assertHidden(out, sig, 'sig');
    assertHidden(out, encodeURIComponent(sig), 'encoded sig');
    assert.ok(out.startsWith('https://acct.blob.core.windows.net/c/file.csv?sv=2022-11-02&se=2030-01-01T00%3A00%3A00Z&sr=b&sp=r&sig='), out);
  });

  it('masks a Logic Apps trigger URL signature and an Azure Functions key', () => {
    const sig = secret(43);
    const code = secret(54);
    const logic = redactUrl(`https://prod-01.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`);
    const fn = redactUrl(`https://fn-contoso.azurewebsites.net/api/Ingest?code=${code}==`);
    assertHidden(logic, sig, 'logic apps sig');
    assertHidden(fn, code, 'functions code');
    assert.match(logic, /api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1\.0&sig=/);
  });

  it('masks the password of the user info and keeps the user and the host', () => {
    const password = secret(24);
    const out = redactUrl(`https://svc:${password}@files.example.net/share`);
    assertHidden(out, password, 'password');
    assert.equal(out, `https://svc:${password.slice(0, 4)}…@files.example.net/share`);
  });

  it('masks a user name that is a token, as in https://<token>@host', () => {
    const token = secret(40);
    assertHidden(redactUrl(`https://${token}@git.example.com/repo.git`), token, 'token as user');
    assert.equal(redactUrl('https://deploy@git.example.com/repo.git'), 'https://deploy@git.example.com/repo.git');
  });

  it('masks credentials in the fragment, as OAuth implicit grants put them', () => {
    const token = secret(60);
    const out = redactUrl(`https://app.example.com/callback#state=xyz&access_token=${token}&token_type=Bearer`);
    assertHidden(out, token, 'fragment token');
    assert.match(out, /#state=xyz&access_token=.{1,5}&token_type=Bearer$/u);
  });

  it('reads percent-encoded parameter names', () => {
    const value = secret();
    assertHidden(redactUrl(`https://api.example.com/?api%5Fkey=${value}`), value, 'api%5Fkey');
  });

  it('leaves URLs without credentials and expressions as they are', () => {
    for (const url of [
      'https://api.example.com/v1/items?page=2&format=json',
      'https://contoso.sharepoint.com/sites/HR/_api/web/lists',
      "https://api.example.com/?code=@{parameters('FunctionKey')}",
      'not a url at all',
    ]) {
      assert.equal(redactUrl(url), url);
    }
  });
});

describe('secrets/redactText', () => {
  it('masks a URL inside a longer message and keeps the sentence around it', () => {
    const key = secret();
    const message = `'Call_API' calls HTTP endpoint https://api.example.com/v1?api_key=${key}, which policy Contoso denies (rule 2: Deny *).`;
    const out = redactText(message);
    assertHidden(out, key, 'api_key');
    assert.equal(out, `'Call_API' calls HTTP endpoint https://api.example.com/v1?api_key=${key.slice(0, 4)}…, which policy Contoso denies (rule 2: Deny *).`);
  });

  it('masks every token shape the detectors know, wherever it sits (an action name in body())', () => {
    for (const sample of shapeSamples(new FakeSecrets(99))) {
      const out = redactText(`In 'Compose', body('${sample.text}') names no action of this flow. Did you mean '${sample.text}'?`);
      assertHidden(out, sample.secret, sample.patternId);
    }
  });

  it('leaves text without a secret unchanged', () => {
    for (const text of [
      "Data from SharePoint 'Get_items' reaches HTTP POST https://collector.example.net/v1 ('Send'). Trust collector.example.net in trustedDomains if it is yours.",
      "In 'Compose', body('Get_itemz') names no action of this flow, so the expression fails at run time. Did you mean 'Get_items'?",
      "Hardcoded API key in header 'x-api-key': 'sk-p…' (51 characters). Move it to a secure input.",
      'Connector shared_sharepointonline is Business under Contoso Default; the rule 7 of policy X.',
      '',
    ]) {
      assert.equal(redactText(text), text);
    }
  });

  it('is idempotent', () => {
    const samples = [
      `https://svc:${secret(12)}@h.example/x?sig=${secret(43)}&sv=1.0&code=${secret(30)}#access_token=${secret(50)}`,
      ...shapeSamples(new FakeSecrets(5)).map((s) => `value ${s.text} end`),
      'https://api.example.com/?key=ab',
    ];
    for (const text of samples) {
      const once = redactText(text);
      assert.equal(redactText(once), once);
    }
  });
});
