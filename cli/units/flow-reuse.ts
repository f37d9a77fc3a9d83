import type { CacheEntry } from '../cache/entry';
import { unitHash } from '../cache/hash';
import type { Session } from '../cache/session';
import type { Unit } from './plan';
import type { FlowOutcome } from './types';

// A solution unit whose files changed is linted again, but not every flow of it need be. What a
// flow's lint says depends on its own file, on the solution's other files (connection references,
// environment variables, the solution's manifest: its context), on the run's configuration,
// policies and FlowGuard's version (the cache's key), on the run's custom connectors (the entry's
// context) and on what it takes from other flows (WorkspaceIndex.fingerprint, which the runner
// compares before reusing). So when only flow files of a solution changed, each other flow of it
// keeps its transfers and, while its fingerprint is the same, its findings.

/**
 * The flows of a solution unit whose cached outcome still holds but for their fingerprints;
 * undefined when none does: no entry, another kind of unit, a file that is not a
 * flow of it changed, or the entry is not the one the last run's file records make.
 */
export function reusableFlows(unit: Unit, entry: CacheEntry | undefined, session: Session): FlowOutcome[] | undefined {
  const { files, flowFiles, flowDisplays } = unit;
  if (!entry || unit.kind !== 'solution' || !files || !flowFiles || !flowDisplays || flowFiles.length !== flowDisplays.length) return undefined;
  const before = (file: string): string | undefined => session.known.get(file)?.[6];
  const now = (file: string): string | undefined => session.records?.get(file)?.[6];
  // The entry was made of these very files as the last run found them: same list, same digests.
  if (unitHash(unit.id, files, before) !== entry.hash) return undefined;
  const flows = new Set(flowFiles);
  const changed = new Set<string>();
  for (const file of files) {
    const digest = now(file);
    if (digest === undefined) return undefined;
    if (digest === before(file)) continue;
    if (!flows.has(file)) return undefined;
    changed.add(file);
  }
  const unchanged = new Set(flowDisplays.filter((_, i) => !changed.has(flowFiles[i] as string)));
  const reusable = entry.outcome.flows.filter((flow) => unchanged.has(flow.key));
  return reusable.length > 0 ? reusable : undefined;
}
