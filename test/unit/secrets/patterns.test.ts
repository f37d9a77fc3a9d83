import * as assert from 'node:assert/strict';
import { findKnownShapes } from '../../../core/secrets/known-shapes';
import { SECRET_PATTERNS } from '../../../core/secrets/patterns';
import { ALNUM, BASE64, FakeSecrets, shapeSamples } from './fake-secrets';

describe('secrets/patterns: tokens known by their shape', () => {
  const samples = shapeSamples();

  it('has one sample for every pattern, and every pattern id is unique', () => {
    const ids = SECRET_PATTERNS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(samples.map((s) => s.patternId).sort(), [...ids].sort());
  });

  for (const pattern of SECRET_PATTERNS) {
    it(`${pattern.id}: finds exactly the secret inside surrounding text`, () => {
      const sample = samples.find((s) => s.patternId === pattern.id)!;
      const text = `value: ${sample.text} (end)`;
      const found = findKnownShapes(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      const match = found[0]!;
      assert.equal(match.kind, pattern.kind);
      assert.equal(text.slice(match.start, match.end), sample.secret);
    });

    it(`${pattern.id}: gives the same answer when run twice (no shared lastIndex)`, () => {
      const sample = samples.find((s) => s.patternId === pattern.id)!;
      assert.deepEqual(findKnownShapes(sample.text), findKnownShapes(sample.text));
    });
  }

  it('leaves out masked and cut-short look-alikes', () => {
    const fake = new FakeSecrets(7);
    const lookAlikes = [
      `AK${'IA'}XXXXXXXXXXXXXXXX`,
      `gh${'p_'}${'x'.repeat(36)}`,
      `gh${'p_'}${fake.chars(ALNUM, 20)}`,
      `sk_${'live_'}xxxxxxxxxxxxxxxxxxxxxxxx`,
      `${'-----BEGIN '}PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----`,
      `${'-----BEGIN '}PUBLIC KEY-----\n${fake.chars(BASE64, 64)}\n-----END PUBLIC KEY-----`,
      // A JWT's first part must be a JSON header naming an algorithm.
      `eyJ${fake.chars(ALNUM, 20)}.eyJ${fake.chars(ALNUM, 20)}.${fake.chars(ALNUM, 30)}`,
      // Part of a longer base64 run is not a storage key.
      `${fake.chars(BASE64, 120)}==`,
      'SG.short.value',
    ];
    for (const text of lookAlikes) assert.deepEqual(findKnownShapes(text), [], text);
  });

  it('runs in linear time on long hostile input', function () {
    this.timeout(20_000);
    const n = 50_000;
    const inputs = [
      'a'.repeat(n), 'A'.repeat(n), '='.repeat(n), '-'.repeat(n), 'AKIA'.repeat(n / 4), 'eyJ'.repeat(n / 3),
      'eyJa.'.repeat(n / 5), `${'-----BEGIN '}A `.repeat(n / 13), 'sk-proj-'.repeat(n / 8), 'xoxb-'.repeat(n / 5),
      'Q~'.repeat(n / 2), 'aws_secret_access_key='.repeat(n / 22), 'https://hooks.slack.com/services/'.repeat(n / 33),
      `${'ab+/'.repeat(n / 4)}`, 'SG.'.repeat(n / 3), 'a.b.'.repeat(n / 4),
    ];
    const started = Date.now();
    for (const text of inputs) findKnownShapes(text);
    // Linear scans of these 800k characters take milliseconds; a backtracking regex takes minutes.
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });
});
