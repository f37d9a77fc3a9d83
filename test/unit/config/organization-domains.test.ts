import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigError } from '../../../core/config/errors';
import { parseConfig } from '../../../core/config/load';
import { emptyConfig } from '../../../core/config/types';
import { inOrganization, organizationDomains } from '../../../core/analysis/organization';

const file = path.join('/work', 'flowguard.json');
const parse = (json: object) => parseConfig(JSON.stringify(json, null, 2), file, 'flowguard.json');

describe('organizationDomains in flowguard.json', () => {
  it('is read as written', () => {
    assert.deepEqual(parse({ organizationDomains: ['contoso.com', 'northwind-subsidiary.com'] }).organizationDomains, ['contoso.com', 'northwind-subsidiary.com']);
    assert.deepEqual(parse({}).organizationDomains, []);
  });

  it('refuses what is not a domain, at its line', () => {
    for (const bad of ['contoso', 'https://contoso.com', 'someone@contoso.com', '*contoso.com']) {
      assert.throws(() => parse({ organizationDomains: [bad] }), (e: unknown) => e instanceof ConfigError && /organizationDomains/.test(e.message), bad);
    }
  });

  it('defaults to the domains of trustedDomains, and replaces them when set', () => {
    const config = { ...emptyConfig('/work'), trustedDomains: ['*.contoso.com', 'api.fabrikam.net'] };
    assert.deepEqual(organizationDomains(config), ['contoso.com', 'api.fabrikam.net']);
    assert.deepEqual(organizationDomains({ ...config, organizationDomains: ['Northwind.com'] }), ['northwind.com']);
    assert.deepEqual(organizationDomains(emptyConfig('/work')), []);
  });
});

describe('inOrganization', () => {
  const ours = ['contoso.com'];
  it('takes the domain and its subdomains, whatever the case', () => {
    for (const domain of ['contoso.com', 'EU.Contoso.com', 'mail.eu.contoso.com', 'contoso.com.']) assert.equal(inOrganization(domain, ours), true, domain);
  });
  it('does not take domains that only look alike', () => {
    for (const domain of ['notcontoso.com', 'contoso.com.mail-relay-example.net', 'contoso.co', 'gmail.com']) assert.equal(inOrganization(domain, ours), false, domain);
  });
});
