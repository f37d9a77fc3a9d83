import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli, cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

const FLOW = path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-and-timed-out.json');

const TENANT = { name: 'Tenant baseline', blocked: ['shared_dropbox'] };
const PRODUCTION = { name: 'Production', environments: { only: ['Contoso Production', 'Contoso Finance'] }, blocked: ['shared_twitter'] };
const NOT_DEV = { name: 'Not in development', environments: { except: ['Contoso Dev'] }, blocked: ['shared_gmail'] };

describe('cli: --environment must be one a policy names', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-environment-'));
    cpSync(FLOW, path.join(dir, 'flows', 'flow.json'));
    for (const [file, policy] of Object.entries({ 'tenant.dlp.json': TENANT, 'production.dlp.json': PRODUCTION, 'not-dev.dlp.json': NOT_DEV })) {
      writeFileSync(path.join(dir, file), JSON.stringify(policy));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const lint = (policies: string[], environment: string) => cli(['flows', ...policies.flatMap((p) => ['--policy', p]), '--environment', environment], dir);

  it('an environment no scoped policy names is an error listing the names they use (exit 2)', async () => {
    const run = await lint(['tenant.dlp.json', 'production.dlp.json', 'not-dev.dlp.json'], 'Contoso Prod');
    assert.equal(
      run.stderr,
      'flowguard: --environment "Contoso Prod": no DLP policy names this environment. The policies scoped to environments name "Contoso Production", "Contoso Finance", "Contoso Dev" (by name, id or display name, in any case).\n',
    );
    assert.equal(run.stdout, '');
    assert.equal(run.code, 2);
  });

  it('a name any scoped policy lists is fine, in any case, even one it excludes', async () => {
    for (const environment of ['contoso production', 'CONTOSO FINANCE', 'Contoso Dev']) {
      const run = await lint(['tenant.dlp.json', 'production.dlp.json', 'not-dev.dlp.json'], environment);
      assert.equal(run.code, 0, `${environment}: ${run.stderr}`);
    }
  });

  it('with only policies for all environments, any environment is fine', async () => {
    const run = await lint(['tenant.dlp.json'], 'Anything At All');
    assert.equal(run.code, 0, run.stderr);
    const none = await cli(['flows', '--environment', 'Anything At All'], dir);
    assert.equal(none.code, 0, none.stderr);
  });

  it('policies that exclude environments are scoped too', async () => {
    const run = await lint(['not-dev.dlp.json'], 'Contoso Test');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /name "Contoso Dev" \(by name/);
  });

  it('flowguard.json\'s "environment" is not checked: the editor reads it too', async () => {
    writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ policies: ['production.dlp.json'], environment: 'Contoso Prod' }));
    try {
      const run = await cli(['flows'], dir);
      assert.equal(run.code, 0, run.stderr);
    } finally {
      rmSync(path.join(dir, 'flowguard.json'));
    }
  });

  it('every command that takes --environment checks it, and the bundled CLI says the same', async () => {
    const connectors = await cli(['connectors', 'flows', '--policy', 'production.dlp.json', '--environment', 'Prod'], dir);
    assert.equal(connectors.code, 2);
    assert.match(connectors.stderr, /^flowguard: --environment "Prod": no DLP policy names this environment\./);
    const bundled = bundledCli(['flows', '--policy', 'production.dlp.json', '--environment', 'Prod'], dir);
    assert.equal(bundled.code, 2);
    assert.equal(bundled.stderr, 'flowguard: --environment "Prod": no DLP policy names this environment. The policies scoped to environments name "Contoso Production", "Contoso Finance" (by name, id or display name, in any case).\n');
  });
});
