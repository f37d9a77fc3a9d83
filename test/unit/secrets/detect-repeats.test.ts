import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { credentialName } from '../../../core/secrets/credential-name';
import { findSecrets } from '../../../core/secrets/detect';
import { roleOf } from '../../../core/secrets/json-role';
import { scanJson } from '../../../core/secrets/scan-json';
import { ALNUM, FakeSecrets } from './fake-secrets';

// findSecrets remembers the values without a role that hold no secret, credentialName the names
// that name none, and roleOf the keys that give no role (detect.ts, credential-name.ts,
// json-role.ts): a value, name or key met again must be judged as it was the first time, and a
// role given later must still count.

const fake = new FakeSecrets(47);
const githubToken = (): string => `gh${'p_'}${fake.chars(ALNUM, 36)}`;
const password = (): string => `${fake.chars(ALNUM, 6)}#${fake.chars(ALNUM, 6)}!${fake.chars(ALNUM, 4)}`;

describe('secrets, values met again', () => {
  it('findSecrets: a clean value stays clean, a secret stays found, and a role still judges the value whole', () => {
    const clean = 'shared_sharepointonline-operation';
    const token = githubToken();
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(findSecrets(clean), []);
      assert.deepEqual(findSecrets(`Bearer ${token}`).map((m) => m.kind), ['github-token']);
    }
    // Seen without a role (clean), then in a password field: the field judges it.
    const secret = password();
    assert.deepEqual(findSecrets(secret), []);
    assert.deepEqual(findSecrets(secret), []);
    const role = { name: credentialName('password') };
    assert.deepEqual(findSecrets(secret, role).map((m) => m.kind), ['password']);
  });

  it('credentialName: the same answer each time, whether or not the name is one', () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(credentialName('authentication'), undefined);
      assert.equal(credentialName('tokenUrl'), undefined);
      assert.deepEqual(credentialName('clientSecret'), { strength: 'explicit', kind: 'oauth-client-secret' });
      assert.deepEqual(credentialName('x-api-key'), { strength: 'explicit', kind: 'api-key' });
    }
  });

  it('roleOf: a key with no role in one object still has one under queries, authentication or beside a name', () => {
    const doc = parseJson(sourceFromText('t.json', JSON.stringify({ a: { sig: 'x', value: 'v', name: 'apiKey' }, queries: { sig: 'x' }, authentication: { type: 'Basic', password: 'p' } })));
    const object = (key: string) => doc.root.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
    const a = object('a');
    const queries = object('queries');
    const authentication = object('authentication');
    assert.ok(a && queries && authentication);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(roleOf('password', authentication, 'authentication'), { fixed: 'basic-password', scheme: false });
      assert.deepEqual(roleOf('type', a, 'a'), {});
      assert.deepEqual(roleOf('sig', queries, 'queries'), { name: { strength: 'explicit', kind: 'sas-signature' } });
      assert.deepEqual(roleOf('value', a, 'a'), { name: { strength: 'explicit', kind: 'api-key' }, scheme: false });
    }
  });

  it('scanJson finds the same secrets in a document scanned again', () => {
    const token = githubToken();
    const doc = parseJson(sourceFromText('t.json', JSON.stringify({ inputs: { headers: { Authorization: `Bearer ${token}` }, uri: 'https://example.com/x?code=abc', body: { a: 'plain text value', password: password() } } })));
    const first = scanJson(doc.root).map((s) => [s.path.join('.'), s.match.kind]);
    assert.ok(first.length >= 2);
    assert.deepEqual(scanJson(doc.root).map((s) => [s.path.join('.'), s.match.kind]), first);
  });
});
