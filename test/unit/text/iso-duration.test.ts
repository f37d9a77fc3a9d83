import * as assert from 'node:assert/strict';
import { shortestSeconds } from '../../../core/text/iso-duration';

describe('text/shortestSeconds', () => {
  it('reads the durations Do until timeouts and Delays are written in', () => {
    assert.equal(shortestSeconds('PT1H'), 3_600);
    assert.equal(shortestSeconds('PT1h'), 3_600);
    assert.equal(shortestSeconds('P1DT12H'), 129_600);
    assert.equal(shortestSeconds('P2W'), 14 * 86_400);
    assert.equal(shortestSeconds('PT0.5S'), 0.5);
    assert.equal(shortestSeconds('PT1,5M'), 90);
  });

  it('measures months and years at their shortest, so "longer than 30 days" is never overstated', () => {
    assert.equal(shortestSeconds('P1M'), 28 * 86_400);
    assert.equal(shortestSeconds('P1Y'), 365 * 86_400);
  });

  it('is undefined for what is no duration', () => {
    for (const text of ['', 'P', 'PT', '1H', 'PT1X', 'P1H', '60', 'PT-1H']) assert.equal(shortestSeconds(text), undefined, text);
  });
});
