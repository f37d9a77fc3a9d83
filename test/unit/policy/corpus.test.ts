import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../../core/artifacts/decode';
import { classify } from '../../../core/policy/classify';
import { appliesTo } from '../../../core/policy/environment';
import { loadPolicies } from '../../../core/policy/load';
import type { DlpPolicy, Group } from '../../../core/policy/types';

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus/dlp');

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? jsonFiles(full) : d.name.endsWith('.json') ? [full] : [];
  });
}

function load(relative: string): DlpPolicy[] {
  const file = path.join(CORPUS, relative);
  return loadPolicies(decodeText(relative, new Uint8Array(fs.readFileSync(file))));
}

function sizes(policy: DlpPolicy): Record<Group, number> {
  const counts: Record<Group, number> = { business: 0, nonBusiness: 0, blocked: 0 };
  for (const c of policy.connectors.values()) counts[c.group]++;
  return counts;
}

const TF = 'microsoft__terraform-provider-power-platform/internal/services/dlp_policy/tests';
const SCUBA = 'cisagov__ScubaGear';

describe('policy/load: real exports (corpus/dlp)', function () {
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`      (skipped: no corpus at ${CORPUS})`);
      this.skip();
    }
  });

  it('loads every file of the corpus', () => {
    const files = jsonFiles(CORPUS);
    assert.ok(files.length >= 8);
    for (const file of files) {
      const policies = loadPolicies(decodeText(path.relative(CORPUS, file), new Uint8Array(fs.readFileSync(file))));
      assert.ok(policies.length > 0, file);
      for (const p of policies) assert.ok(p.displayName, file);
    }
  });

  it('reads the terraform admin API policy with rules', () => {
    const [policy] = load(`${TF}/resource/Validate_Create/get_policy_00000000-0000-0000-0000-000000000001.json`);
    assert.ok(policy);
    assert.equal(policy.format, 'admin-api-v2');
    assert.equal(policy.defaultGroup, 'blocked');
    assert.deepEqual(sizes(policy), { business: 1, nonBusiness: 1, blocked: 1 });
    assert.equal(policy.connectors.get('shared_azureblob')?.at.range.start.line, 29);
    assert.equal(policy.actionRules.get('shared_sql')?.rules.length, 2);
    assert.deepEqual(policy.endpointRules.get('shared_sql')?.rules.map((r) => r.endpoint), ['contoso.com', '*']);
    assert.ok(appliesTo(policy, '00000000-0000-0000-0000-000000000000'));
    assert.ok(!appliesTo(policy, undefined));
  });

  it('reads the terraform list without connector groups', () => {
    const policies = load(`${TF}/datasource/Validate_Read/get_policies.json`);
    assert.deepEqual(policies.map((p) => [p.displayName, p.scope.type]), [
      ['a1', 'all'],
      ['a2', 'except'],
    ]);
  });

  it('reads the ScubaGear stub: 20 Business, 136 Blocked, HTTP among them, only the default environment', () => {
    const [policy, ...rest] = load(`${SCUBA}/4d34e9a48e/PowerShell/ScubaGear/Testing/Unit/PowerShell/CreateReport/CreateReportStubs/ProviderSettingsExport.powerplatform-extract.json`);
    assert.equal(rest.length, 0);
    assert.ok(policy);
    assert.equal(policy.format, 'get-dlppolicy');
    assert.deepEqual(sizes(policy), { business: 20, nonBusiness: 0, blocked: 136 });
    assert.equal(classify(policy, 'Http').group, 'blocked');
    assert.equal(classify(policy, 'httpwebhook').group, 'blocked');
    assert.equal(policy.scope.type, 'only');
    assert.ok(appliesTo(policy, 'Default-3c19c757-3b55-411f-b03f-2bcc514a598d'));
    assert.ok(!appliesTo(policy, 'some-other-environment'));
    // Listed as Blocked although the platform no longer lets policies block it.
    assert.deepEqual(classify(policy, 'shared_cloudappsecurity'), { policy, group: 'blocked', entry: policy.connectors.get('shared_cloudappsecurity'), unblockable: true });
  });

  it('reads the large ScubaGear sample: two policies, 1057 Non-Business connectors', () => {
    const policies = load(`${SCUBA}/40d1d99b4c/PowerShell/ScubaGear/Sample-Reports/ProviderSettingsExport.powerplatform-extract.json`);
    assert.deepEqual(policies.map((p) => [p.displayName, p.scope.type, sizes(p)]), [
      ['test', 'all', { business: 2, nonBusiness: 1057, blocked: 0 }],
      ['DLP functional test', 'single', { business: 0, nonBusiness: 0, blocked: 0 }],
    ]);
    const single = policies[1];
    assert.ok(single && single.scope.type === 'single');
    assert.equal(single.scope.environments[0]?.displayName, 'tqhjy (default) (orge759e365)', 'named from environment_list');
  });
});
