import type { Notice } from '../core/findings';
import { fixFiles } from '../core/fixes/fix-files';
import type { Linted } from './project';

/** Fixes whose edits meet are applied one per run, so --fix runs again while it still changes something. */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The lint after the last fixes: what remains. */
  linted: Linted;
  /** What was fixed and what could not be, as notes for the report. */
  notices: Notice[];
}

/** Applies the safe fixes in place and lints again, until nothing more changes. */
export async function fixAndRelint(first: Linted, cwd: string, relint: () => Promise<Linted>, roots?: readonly string[]): Promise<FixOutcome> {
  let linted = first;
  let applied = 0;
  const files = new Set<string>();
  const skipped = new Map<string, string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const outcome = await fixFiles(linted.result.findings, { cwd, only: 'safe', roots });
    for (const s of outcome.skipped) if (!skipped.has(s.file)) skipped.set(s.file, s.reason);
    if (outcome.applied === 0) break;
    applied += outcome.applied;
    outcome.files.forEach((f) => files.add(f));
    linted = await relint();
  }
  const notices: Notice[] = [
    { message: applied === 0 ? 'No safe fixes to apply.' : `Applied ${applied} fix${applied === 1 ? '' : 'es'} to ${[...files].join(', ')}.` },
    ...[...skipped].map(([file, reason]) => ({ file, message: `not fixed: ${reason}.` })),
  ];
  return { linted, notices };
}
