import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { blockingClassifications, classify, classifyAll, isBlocked } from '../../../core/policy/classify';
import { loadPolicies } from '../../../core/policy/load';
import type { DlpPolicy } from '../../../core/policy/types';

function own(name: string, body: object): DlpPolicy {
  const [policy] = loadPolicies(sourceFromText(`${name}.dlp.json`, JSON.stringify({ name, ...body })));
  assert.ok(policy);
  return policy;
}

describe('policy/classify', () => {
  const baseline = own('baseline', { business: ['shared_sharepointonline', 'shared_sql'], nonBusiness: ['shared_twitter'], blocked: ['Http'] });
  const strict = own('strict', { default: 'blocked', business: ['shared_sharepointonline'], nonBusiness: ['shared_sql'] });

  it('gives the listed group with its entry, else the default group', () => {
    const sql = classify(baseline, '/providers/Microsoft.PowerApps/apis/shared_sql');
    assert.equal(sql.group, 'business');
    assert.equal(sql.entry, baseline.connectors.get('shared_sql'));
    assert.equal(sql.policy, baseline);
    const dropbox = classify(baseline, 'shared_dropbox');
    assert.deepEqual(dropbox, { policy: baseline, group: 'nonBusiness' });
    assert.equal(classify(strict, 'shared_dropbox').group, 'blocked');
  });

  it('treats the HTTP built-ins like any connector, by id in any case', () => {
    assert.equal(classify(baseline, 'HTTP').group, 'blocked');
    assert.equal(classify(baseline, 'HttpWebhook').group, 'nonBusiness');
  });

  it('puts unblockable connectors in Non-Business when the default group is Blocked', () => {
    assert.deepEqual(classify(strict, 'shared_approvals'), { policy: strict, group: 'nonBusiness', unblockable: true });
    assert.equal(classify(strict, 'shared_office365').group, 'nonBusiness');
    assert.equal(classify(strict, 'shared_sharepointonline').group, 'business', 'a listing still counts');
    assert.equal(classify(strict, 'shared_gmail').group, 'blocked');
  });

  it('keeps an unblockable connector that a policy lists as Blocked, marked unblockable', () => {
    const legacy = own('legacy', { blocked: ['shared_teams'] });
    const c = classify(legacy, 'shared_teams');
    assert.equal(c.group, 'blocked');
    assert.equal(c.unblockable, true);
  });

  it('classifies under each policy, and Blocked in any one wins', () => {
    assert.deepEqual(classifyAll([baseline, strict], 'shared_sql').map((c) => c.group), ['business', 'nonBusiness']);
    assert.ok(isBlocked([baseline, strict], 'shared_dropbox'), 'blocked by the strict default');
    assert.ok(isBlocked([baseline, strict], 'http'));
    assert.ok(!isBlocked([baseline], 'shared_dropbox'));
    assert.ok(!isBlocked([], 'http'));
    assert.deepEqual(blockingClassifications([baseline, strict], 'Http').map((c) => c.policy.name), ['baseline', 'strict']);
  });
});

