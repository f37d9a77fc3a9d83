import * as assert from 'node:assert/strict';
import { appliesTo, selectPolicies } from '../../../core/policy/environment';
import type { DlpPolicy, EnvironmentScope } from '../../../core/policy/types';

const HERE = { file: 'p.json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

function policy(name: string, scope: EnvironmentScope): DlpPolicy {
  return { name, displayName: name, file: 'p.json', format: 'admin-api-v2', defaultGroup: 'nonBusiness', connectors: new Map(), scope, actionRules: new Map(), endpointRules: new Map(), at: HERE };
}

const PROD = {
  id: '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/0b1d-prod',
  name: '0b1d-prod',
  displayName: 'Contoso Production',
};

describe('policy/environment', () => {
  const all = policy('all', { type: 'all' });
  const only = policy('only', { type: 'only', environments: [PROD] });
  const single = policy('single', { type: 'single', environments: [{ id: PROD.id }] });
  const except = policy('except', { type: 'except', environments: [{ name: '0B1D-PROD' }] });

  it('applies AllEnvironments everywhere and with no environment chosen', () => {
    assert.ok(appliesTo(all, 'anything'));
    assert.ok(appliesTo(all, undefined));
  });

  it('applies Only and Single policies to the environments they list, by name, id or display name', () => {
    for (const env of ['0b1d-prod', '0B1D-PROD', PROD.id, 'contoso production', ' Contoso Production ']) {
      assert.ok(appliesTo(only, env), env);
    }
    assert.ok(appliesTo(single, '0b1d-prod'), 'matched on the last segment of the id');
    assert.ok(!appliesTo(only, 'dev'));
    assert.ok(!appliesTo(single, 'Contoso'));
  });

  it('applies Except policies everywhere but the environments they list', () => {
    assert.ok(!appliesTo(except, '0b1d-prod'));
    assert.ok(!appliesTo(except, PROD.id));
    assert.ok(appliesTo(except, 'dev'));
  });

  it('with no environment chosen, applies every policy that could govern an unnamed environment', () => {
    assert.deepEqual(selectPolicies([all, only, single, except], undefined).map((p) => p.name), ['all', 'except']);
    assert.deepEqual(selectPolicies([all, only, single, except], '  ').map((p) => p.name), ['all', 'except']);
  });

  it('selects in the given order', () => {
    assert.deepEqual(selectPolicies([except, only, all], '0b1d-prod').map((p) => p.name), ['only', 'all']);
    assert.deepEqual(selectPolicies([except, only, all], 'dev').map((p) => p.name), ['except', 'all']);
  });

  it('does not read a slash in a display name as a path', () => {
    const slashed = policy('slashed', { type: 'only', environments: [{ name: 'guid-1', displayName: 'Sales/EU' }] });
    assert.ok(appliesTo(slashed, 'sales/eu'));
    assert.ok(!appliesTo(slashed, 'EU'));
  });
});
