import type { LintResult } from '../../core/engine/result';
import type { Finding } from '../../core/findings';
import { InconsistentRun, type PartFindings } from './types';

/** What lintWorkspace says of an empty workspace: flowguard.json's own findings and errors, the notes about policies. */
export type RunInvariants = Pick<LintResult, 'findings' | 'unreadable' | 'notices'>;

function keyOf(finding: Finding): string {
  return JSON.stringify(finding);
}

/**
 * The part of one lintWorkspace call over a single flow, solution or settings file that is its
 * own. Such a call also says what every call says (lint-workspace.ts: the policy notes first,
 * flowguard.json's errors last, its findings among the others); those are taken out here and put
 * back once by assemble.ts. Anything not where lintWorkspace puts it means the engine changed
 * under this code: the run is redone the plain way rather than reported wrong.
 */
export function ownPart(result: RunInvariants, invariants: RunInvariants): PartFindings {
  const shared = new Map<string, number>();
  for (const f of invariants.findings) shared.set(keyOf(f), (shared.get(keyOf(f)) ?? 0) + 1);
  const findings = shared.size === 0 ? result.findings : result.findings.filter((f) => {
    const key = keyOf(f);
    const left = shared.get(key) ?? 0;
    if (left === 0) return true;
    shared.set(key, left - 1);
    return false;
  });
  if (findings.length !== result.findings.length - invariants.findings.length) throw new InconsistentRun('the configuration findings are not in a part');
  const head = invariants.notices.length;
  const tail = invariants.unreadable.length;
  if (!invariants.notices.every((n, i) => JSON.stringify(result.notices[i]) === JSON.stringify(n))) throw new InconsistentRun('the run notes do not lead a part');
  const start = result.unreadable.length - tail;
  if (start < 0 || !invariants.unreadable.every((u, i) => JSON.stringify(result.unreadable[start + i]) === JSON.stringify(u))) {
    throw new InconsistentRun('the configuration errors do not end a part');
  }
  const notices = result.notices.slice(head);
  if (notices.some((n) => n.file !== undefined)) throw new InconsistentRun('a part noted something about a file');
  return { findings, unreadable: result.unreadable.slice(0, start), notices: notices.map((n) => n.message) };
}
