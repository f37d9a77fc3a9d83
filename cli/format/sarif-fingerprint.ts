import { createHash } from 'node:crypto';
import type { Finding } from '../../core/findings';

/** Versioned so that a later change of the recipe reads as a new kind of fingerprint, not as churn. */
export const FINGERPRINT_KEY = 'flowguard/v1';

/**
 * partialFingerprints for code scanning, which uses them to recognise the same alert across
 * runs. Built from what identifies the problem (rule, file, flow, action, connector) and never
 * from the line, so an edit above it does not close one alert and open another. `data` is left
 * out on purpose: a rule may keep a value there that must not be published, even hashed.
 * Findings that agree on all of these get an occurrence number, as GitHub's own
 * 'hash:n' fingerprints do, so two of them stay two alerts instead of merging into one.
 */
export class Fingerprints {
  private readonly seen = new Map<string, number>();

  next(finding: Finding): string {
    const identity = JSON.stringify([finding.ruleId, finding.file, finding.flow ?? null, finding.action ?? null, finding.connector ?? null]);
    const hash = createHash('sha256').update(identity).digest('hex');
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}
