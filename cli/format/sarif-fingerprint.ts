import { createHash } from 'node:crypto';
import type { RuleMeta } from '../../core/engine/rule';
import type { Finding } from '../../core/findings';

/** The only partialFingerprints key GitHub code scanning reads to follow an alert across commits. */
export const LINE_HASH_KEY = 'primaryLocationLineHash';

/**
 * Findings that agree on all that identifies them get an occurrence number, as GitHub's own
 * 'hash:n' fingerprints do, so two of them stay two alerts instead of merging into one. The
 * engine sorts findings by file and position, so the numbers follow the order of the findings
 * in their file, which reformatting and inserted lines keep; and equal hashes share one count,
 * so the set of fingerprints stays the same even where their order does not.
 */
class Occurrences {
  private readonly seen = new Map<string, number>();

  next(hash: string): string {
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * The fingerprint baselines and reviews match findings by: rule, file, flow, action and
 * connector, never the line. Baseline files record it, so its recipe does not change.
 */
export class Fingerprints {
  private readonly occurrences = new Occurrences();

  next(finding: Finding): string {
    return this.occurrences.next(sha256([finding.ruleId, finding.file, finding.flow ?? null, finding.action ?? null, finding.connector ?? null]));
  }
}

/**
 * primaryLocationLineHash, which code scanning uses to tell whether a result of this upload is
 * an alert it already has. GitHub's own uploader hashes the text of the alert's first line; a
 * flow's alert is better known by what it is about, which survives what happens to exports:
 * re-exporting and re-indenting the JSON, lines inserted above, a zip rebuilt with other
 * timestamps or compression. So it hashes the rule, the file as the repository knows it (its path
 * from the SARIF root, and the entry inside a zip: names, never bytes), the flow, the action, the
 * connector and the rule's own key fields of `data` (RuleMeta.key: the kind and field of a
 * secret, the source of a data path, the policy of a DLP finding); never a line, a column, a
 * count or the message. 'v1' is part of what is hashed, so a later recipe gives new alerts
 * once rather than matching old ones by accident.
 */
export class LineHashes {
  private readonly occurrences = new Occurrences();
  private readonly keys: ReadonlyMap<string, readonly string[]>;

  constructor(rules: readonly RuleMeta[]) {
    this.keys = new Map(rules.map((r) => [r.id, r.key]));
  }

  /** `file` is the finding's file as the repository knows it (ArtifactPlace.identity). */
  next(finding: Finding, file: string): string {
    const key = (this.keys.get(finding.ruleId) ?? []).map((field) => [field, finding.data?.[field] ?? null]);
    const identity = ['flowguard-line-hash/v1', finding.ruleId, file, finding.flow ?? null, finding.action ?? null, finding.connector ?? null, key];
    // 16 hex digits (64 bits), the length of GitHub's own line hashes.
    return this.occurrences.next(sha256(identity).slice(0, 16));
  }
}
