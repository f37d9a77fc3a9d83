import * as assert from 'node:assert/strict';
import { credentialName } from '../../../core/secrets/credential-name';
import { findSecrets, type ValueRole } from '../../../core/secrets/detect';
import { literalParts } from '../../../core/secrets/literal-parts';
import { ALNUM, BASE64, BASE64URL, FakeSecrets } from './fake-secrets';

const fake = new FakeSecrets(31);

/** The kinds and texts found, for readable assertions. */
function found(value: string, role?: ValueRole): [string, string][] {
  return findSecrets(value, role).map((m) => [m.kind, value.slice(m.start, m.end)]);
}

function named(name: string): ValueRole {
  const by = credentialName(name);
  if (!by) throw new Error(`${name} is not a credential name`);
  return { name: by, scheme: by.kind === 'authorization-header' };
}

describe('secrets/literalParts', () => {
  it('takes a plain value whole', () => {
    assert.deepEqual(literalParts('plain text'), [{ text: 'plain text', offset: 0 }]);
  });

  it('gives nothing of a value that is one expression', () => {
    assert.deepEqual(literalParts("@parameters('ApiKey')"), []);
    assert.deepEqual(literalParts("@json(decodeBase64(triggerOutputs().headers['X-MS-APIM-Tokens']))['$ConnectionKey']"), []);
  });

  it("cuts '@{...}' interpolations out, quotes and braces inside them included", () => {
    assert.deepEqual(literalParts("Bearer @{body('Get_token')?['access_token']}"), [{ text: 'Bearer ', offset: 0 }]);
    assert.deepEqual(literalParts("a@{concat('}', 'x')}b"), [{ text: 'a', offset: 0 }, { text: 'b', offset: 20 }]);
  });

  it("treats an unclosed '@{' as running to the end, so half an expression is never text", () => {
    assert.deepEqual(literalParts("key=@{parameters('k'"), [{ text: 'key=', offset: 0 }]);
  });
});

describe('secrets/findSecrets', () => {
  it('reads only literal text: a secret-shaped string inside an expression is not reported', () => {
    const key = fake.chars(ALNUM, 32);
    assert.deepEqual(found(`@concat('${key}')`, named('x-api-key')), []);
    assert.deepEqual(found(`@{parameters('p')}${key}`, named('x-api-key')), [['api-key', key]]);
  });

  it('strips an auth scheme before judging an Authorization value', () => {
    const token = fake.chars(ALNUM, 40);
    assert.deepEqual(found(`Bearer ${token}`, named('Authorization')), [['authorization-header', token]]);
    assert.deepEqual(found("Bearer @{body('Get_token')?['access_token']}", named('Authorization')), []);
    assert.deepEqual(found('Bearer', named('Authorization')), []);
    // Without a scheme only a token counts: a column named Authorization may say 'Approved'.
    assert.deepEqual(found('Approved', named('Authorization')), []);
    assert.deepEqual(found(token, named('Authorization')), [['authorization-header', token]]);
  });

  it('does not take a Key Vault reference or a path under a secret name for the secret', () => {
    const reference = '/subscriptions/3f2a1b0c-4d5e-4f6a-8b7c-9d0e1f2a3b4c/resourceGroups/hr/providers/Microsoft.KeyVault/vaults/contoso-kv/secrets/payroll';
    assert.deepEqual(found(reference, named('clientSecret')), []);
    assert.deepEqual(found('https://contoso-kv.vault.azure.net/secrets/payroll', named('clientSecret')), []);
    assert.deepEqual(found('C:\\certs\\payroll.pfx', named('certificatePassword')), []);
  });

  it('judges explicit names by length and shape, generic ones by randomness', () => {
    assert.deepEqual(found('Summer2024!', named('password')), [['password', 'Summer2024!']]);
    assert.deepEqual(found('short', named('password')), []);
    assert.deepEqual(found('Enter the password of the service account', named('password')), []);
    assert.deepEqual(found('https://contoso.example/reset', named('password')), []);
    assert.deepEqual(found('Title', named('key')), []);
    assert.deepEqual(found('72f988bf-86f1-41af-91ab-2d7cd011db47', named('key')), []);
    const key = fake.chars(ALNUM, 32);
    assert.deepEqual(found(key, named('key')), [['api-key', key]]);
  });

  it('finds credentials in query strings and form bodies, and passwords in URL user info', () => {
    const sig = fake.chars(BASE64URL, 43);
    const code = `${fake.chars(BASE64URL, 54)}==`;
    const secret = fake.chars(ALNUM, 32);
    assert.deepEqual(found(`https://prod-00.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?api-version=2016-06-01&sv=1.0&sig=${sig}`), [['sas-signature', sig]]);
    assert.deepEqual(found(`https://fn.azurewebsites.net/api/Run?code=${code}`), [['url-query-secret', code]]);
    assert.deepEqual(found(`grant_type=client_credentials&client_id=abc&client_secret=${secret}`), [['url-query-secret', secret]]);
    assert.deepEqual(found('https://fn.azurewebsites.net/api/Run?code=12345&key=Title&api-version=2016-06-01'), []);
    assert.deepEqual(found('https://svc:Qz7vR2pL9m@ftp.contoso.example/in'), [['url-password', 'Qz7vR2pL9m']]);
    assert.deepEqual(found('https://user:password@ftp.contoso.example/in'), []);
  });

  it('finds secrets in connection strings, and only in connection strings', () => {
    const accountKey = `${fake.chars(BASE64, 86)}==`;
    const busKey = `${fake.chars(BASE64, 43)}=`;
    assert.deepEqual(found('Server=tcp:sql01.contoso.local;Database=Payroll;User ID=svc;Password=Qz7!vR2#pL9m;'), [['connection-string-secret', 'Qz7!vR2#pL9m']]);
    // A storage key is recognised by its shape before the connection string finder sees it.
    assert.deepEqual(found(`DefaultEndpointsProtocol=https;AccountName=contosohr;AccountKey=${accountKey};EndpointSuffix=core.windows.net`), [['azure-storage-account-key', accountKey]]);
    assert.deepEqual(found(`Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey=${busKey}`), [['connection-string-secret', busKey]]);
    assert.deepEqual(found('Your new Password=see the email we sent'), []);
    assert.deepEqual(found('Server=sql01;Database=Payroll;Password=#{SqlPassword}#'), []);
  });

  it('finds credential-named members of JSON written as text', () => {
    const secret = fake.chars(ALNUM, 40);
    assert.deepEqual(found(`{"client_id":"abc","client_secret":"${secret}"}`), [['oauth-client-secret', secret]]);
    assert.deepEqual(found('{"secretName":"payroll-client-secret","clientId":"0a1b2c3d"}'), []);
  });

  it('keeps one match where finders overlap, the most specific', () => {
    const jwt = `${fake.base64url({ alg: 'HS256' })}.${fake.base64url({ sub: 'x' })}.${fake.chars(BASE64URL, 43)}`;
    assert.deepEqual(found(`Bearer ${jwt}`, { fixed: 'raw-authorization', scheme: true }), [['jwt', jwt]]);
  });

  it('reports a fixed authentication field with any real value of four characters or more', () => {
    assert.deepEqual(found('abc', { fixed: 'basic-password' }), []);
    assert.deepEqual(found('abcd', { fixed: 'basic-password' }), [['basic-password', 'abcd']]);
    assert.deepEqual(found('changeme', { fixed: 'basic-password' }), []);
  });

  it('runs in linear time on long hostile input', function () {
    this.timeout(20_000);
    const n = 50_000;
    const role = named('password');
    const inputs = [
      ';Server=x;Password='.repeat(n / 19), `Server=x;Password=a${' '.repeat(n)}b`, '"a":"'.repeat(n / 5), '"password": "x'.repeat(n / 14),
      'a://b:'.repeat(n / 6), `https://${'u'.repeat(n)}`, '?a='.repeat(n / 3), '&sig='.repeat(n / 5), '@{'.repeat(n / 2), "@{'".repeat(n / 3),
      `Bearer${' '.repeat(n)}`, 'x'.repeat(n),
    ];
    const started = Date.now();
    for (const text of inputs) findSecrets(text, role);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });
});
