import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The key of a kept report (report-head.ts) proves that this user's run kept it, for these inputs,
// byte for byte: a message authentication code under the user's secret (user-secret.ts) of what
// it was kept for (`about`: the run's key, which entries, its notes and exit code) and the report.
//
// It is GMAC: AES-256-GCM with an empty plaintext and all of it as additional data, under a fresh
// random 96-bit nonce for every report kept; the key holds the nonce, then the 128-bit tag. An
// unchanged rerun of 1,000 generated flows authenticates a 7.8 MB report: HMAC-SHA256 took 3.8 ms
// of it, GMAC 0.8 ms (AES and carry-less multiply instructions, node 20's OpenSSL). GMAC is a
// secure MAC as long as its user never tags two messages under one nonce (NIST SP 800-38D, 8.2 and
// appendix C): nonces here are random per report, never derived from the report. A nonce a
// hostile cache file carries is only ever used to check a tag, as GCM decryption does.

/** 24 hex digits of nonce, then 32 of tag. */
export const REPORT_MAC = /^[0-9a-f]{56}$/;
const NONCE_BYTES = 12;

let derived: { secret: Buffer; key: Buffer } | undefined;

/** The AES key: derived from the secret (a key kept for one purpose only). */
function macKey(secret: Buffer): Buffer {
  if (derived?.secret !== secret) derived = { secret, key: createHmac('sha256', secret).update('flowguard: kept report GMAC key').digest() };
  return derived.key;
}

function tagOf(secret: Buffer, nonce: Buffer, about: string, report: Uint8Array): Buffer {
  const gcm = createCipheriv('aes-256-gcm', macKey(secret), nonce);
  gcm.setAAD(Buffer.from(`${about}\n`));
  gcm.setAAD(report);
  gcm.final();
  return gcm.getAuthTag();
}

/** A new key for `report` kept for `about`. */
export function reportMac(secret: Buffer, about: string, report: Uint8Array): string {
  const nonce = randomBytes(NONCE_BYTES);
  return nonce.toString('hex') + tagOf(secret, nonce, about, report).toString('hex');
}

/** Whether `mac` (from a cache file: anyone's) is this user's key for `report` kept for `about`. */
export function reportMacHolds(secret: Buffer, mac: string, about: string, report: Uint8Array): boolean {
  if (!REPORT_MAC.test(mac)) return false;
  const nonce = Buffer.from(mac.slice(0, 2 * NONCE_BYTES), 'hex');
  const tag = Buffer.from(mac.slice(2 * NONCE_BYTES), 'hex');
  return timingSafeEqual(tagOf(secret, nonce, about, report), tag);
}
