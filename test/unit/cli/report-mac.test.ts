import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { REPORT_MAC, reportMac, reportMacHolds } from '../../../cli/cache/report-mac';

// The key a kept report is printed again under (cli/cache/report-mac.ts): only the secret's owner
// makes one, and it holds for that report, kept for those inputs, only.

describe('cli: the key of a kept report', () => {
  const secret = randomBytes(32);
  const about = JSON.stringify(['run key', 'cache key', 10, 20, 'sha1', '', '', 1, 6]);
  const report = Buffer.from('{"a":1}');

  it('holds for the report and inputs it was made for, under the same secret', () => {
    const mac = reportMac(secret, about, report);
    assert.match(mac, REPORT_MAC);
    assert.equal(reportMacHolds(secret, mac, about, report), true);
    // A fresh nonce each time it is made: two keys for one report differ, and both hold.
    const again = reportMac(secret, about, report);
    assert.notEqual(again, mac);
    assert.equal(reportMacHolds(secret, again, about, report), true);
  });

  it('does not hold for another secret, an edited report or other inputs', () => {
    const mac = reportMac(secret, about, report);
    assert.equal(reportMacHolds(randomBytes(32), mac, about, report), false);
    assert.equal(reportMacHolds(secret, mac, about, Buffer.from('{"a":2}')), false);
    assert.equal(reportMacHolds(secret, mac, about.replace('run key', 'other key'), report), false);
    // Where the inputs end and the report starts is part of what is authenticated.
    assert.equal(reportMacHolds(secret, mac, `${about}{`, Buffer.from('"a":1}')), false);
  });

  it('does not hold when the key itself is edited or out of shape', () => {
    const mac = reportMac(secret, about, report);
    const flipped = (at: number) => mac.slice(0, at) + (mac[at] === '0' ? '1' : '0') + mac.slice(at + 1);
    assert.equal(reportMacHolds(secret, flipped(0), about, report), false, 'the nonce');
    assert.equal(reportMacHolds(secret, flipped(40), about, report), false, 'the tag');
    for (const bad of ['', mac.slice(0, 55), `${mac}0`, mac.toUpperCase(), 'z'.repeat(56)]) assert.equal(reportMacHolds(secret, bad, about, report), false, bad);
  });
});
