import * as assert from 'node:assert/strict';
import { credentialName, strongestCredentialName } from '../../../core/secrets/credential-name';
import { isGuid, looksRandom, shannonEntropy } from '../../../core/secrets/entropy';
import { isPlaceholder } from '../../../core/secrets/placeholder';
import { wordsOf } from '../../../core/secrets/words';
import { ALNUM, BASE64, FakeSecrets, HEX } from './fake-secrets';

describe('secrets/words', () => {
  it('splits identifiers at separators, case changes, capital runs and digits', () => {
    assert.deepEqual(wordsOf('Ocp-Apim-Subscription-Key'), ['ocp', 'apim', 'subscription', 'key']);
    assert.deepEqual(wordsOf('clientSecret'), ['client', 'secret']);
    assert.deepEqual(wordsOf('APIKey2'), ['api', 'key', '2']);
    assert.deepEqual(wordsOf('body/Password'), ['body', 'password']);
  });
});

describe('secrets/isPlaceholder', () => {
  const placeholders = [
    '', '   ', '***REPLACE***', '<your-key>', 'xxxx', 'XXXXXXXXXXXXXXXXXXXX', 'sk-xxxxxxxxxxxxxxxx', '${API_KEY}', '#{ClientSecret}#',
    '#{environmentvariable.cr_ApiKey}#', '__token__', '$(PartnerKey)', '{{apiKey}}', '%PARTNER_SECRET%', '{client secret}', '[secret]',
    'changeme', 'CHANGEME', 'your_api_key', 'YOUR-CLIENT-SECRET-HERE', 'TODO', 'password', 'secret', 'redacted', '...', '…', '0000000000',
    'replace with your token', 'n/a', 'null',
  ];
  for (const value of placeholders) {
    it(`treats ${JSON.stringify(value)} as a placeholder`, () => assert.equal(isPlaceholder(value), true));
  }

  it('stays fast on long values full of openings', () => {
    const started = Date.now();
    for (const opening of ['${', '#{', '{{', '__a', '<', '$(a']) isPlaceholder(opening.repeat(100_000));
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  });

  const values = ['Winter2024!Payroll', 'Password123', 'hunter22', 'AKIAIOSFODNN7EXAMPLE', 'cb580fac27cd8995efeba9032050d09c', 'P@ssw0rd'];
  for (const value of values) {
    it(`treats ${JSON.stringify(value)} as a real value`, () => assert.equal(isPlaceholder(value), false));
  }
});

describe('secrets/credentialName', () => {
  const cases: [name: string, expected: string | undefined][] = [
    ['password', 'explicit password'],
    ['body/Password', 'explicit password'],
    ['clientSecret', 'explicit oauth-client-secret'],
    ['client_secret', 'explicit oauth-client-secret'],
    ['x-api-key', 'explicit api-key'],
    ['Ocp-Apim-Subscription-Key', 'explicit api-key'],
    ['x-functions-key', 'explicit api-key'],
    ['Authorization', 'explicit authorization-header'],
    ['access_token', 'explicit token'],
    ['X-Auth-Token', 'explicit token'],
    ['Partner API key (cr_PartnerApiKey)', 'explicit api-key'],
    ['sig', 'explicit secret'],
    ['key', 'generic api-key'],
    ['token', 'generic token'],
    ['storageKey', 'explicit api-key'],
    ['clientId', undefined],
    ['tenantId', undefined],
    ['secretName', undefined],
    ['passwordLastChanged', undefined],
    ['tokenEndpoint', undefined],
    ['keyVaultUri', undefined],
    ['PartitionKey', undefined],
    ['RowKey', undefined],
    ['continuationToken', undefined],
    ['nextPageToken', undefined],
    ['publicKey', undefined],
    ['X-MS-APIM-Tokens', undefined],
    ['Content-Type', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`${name} -> ${expected ?? 'not a credential'}`, () => {
      const found = credentialName(name);
      assert.equal(found ? `${found.strength} ${found.kind}` : undefined, expected);
    });
  }

  it('takes the stronger of several names for one value', () => {
    assert.equal(strongestCredentialName(['cr_PartnerKey', 'Partner API key'])?.strength, 'explicit');
    assert.equal(strongestCredentialName(['cr_SiteUrl', undefined]), undefined);
  });
});

describe('secrets/looksRandom', () => {
  const fake = new FakeSecrets(99);

  it('accepts nearly all machine-made keys: base62, base64 and hex (a few that spell words are let go)', () => {
    const rate = (make: () => string) => Array.from({ length: 400 }, make).filter(looksRandom).length / 400;
    assert.ok(rate(() => fake.chars(ALNUM, 32)) >= 0.97, 'base62');
    assert.ok(rate(() => `${fake.chars(BASE64, 42)}==`) >= 0.97, 'base64');
    // Hex keys hold letters and digits in practice; one with only one of them is not judged here.
    assert.ok(rate(() => `${fake.chars(HEX, 30)}a1`) >= 0.97, 'hex');
  });

  it('rejects ids, words, paths, short codes and low-entropy strings', () => {
    const notRandom = [
      '72f988bf-86f1-41af-91ab-2d7cd011db47', '{72F988BF-86F1-41AF-91AB-2D7CD011DB47}', 'ContosoSharepoint2019Site', 'Column2ForSalesData',
      'AppSessionsLast30Days', 'V4CalendarPostItem', 'D365OfficeDataSvc', 'deployToProdFlow10', 'cr5cd_CommunityHubUrl',
      'shared_office365_2', 'api/data/v9.0/solutions',
      'https://contoso.sharepoint.com', '/Shared Documents/2024/report.xlsx', 'Title', 'A1B2C3', '0000000000000001', 'aaaaaaaaaaaaaaaa1',
      'shared_sharepointonline', 'Microsoft.Flow.Connector',
    ];
    for (const value of notRandom) assert.equal(looksRandom(value), false, value);
  });

  it('computes Shannon entropy in bits per character', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(isGuid('72f988bf-86f1-41af-91ab-2d7cd011db47'), true);
  });
});
