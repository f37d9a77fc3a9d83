import type { FlowOutline } from '../../core/analysis/flow-outline';
import type { KeptFlow } from '../../core/analysis/workspace-index';
import type { Finding, Notice, Unreadable } from '../../core/findings';

// Plain data only: these travel between threads (structured clone) and into the cache (JSON).

/**
 * What the engine said about one flow, solution or deployment settings file linted on its own
 * against the index of the whole run, less what every such lint says alike (flowguard.json's own
 * findings, the note that no policy was found): those are added once, by assemble.ts.
 */
export interface PartFindings {
  findings: Finding[];
  unreadable: Unreadable[];
  /** What rules noted about the run (LintContext.notice), said once per run. */
  notices: string[];
}

export interface FlowOutcome {
  /** The flow's display path, its key in the workspace index. */
  key: string;
  /** Its outline and transfers, for the index other flows are linted against. */
  kept: KeptFlow;
  /** WorkspaceIndex.fingerprint when its findings were made: what they took from other flows. */
  fingerprint: string;
  result: PartFindings;
}

/** Everything one unit gave a run, in the order one load would have given it. */
export interface UnitOutcome {
  /** Files read, as Workspace.files counts them. */
  files: number;
  /** What the load could not read, and its notes, as the loaders recorded them (not yet masked). */
  unreadable: Unreadable[];
  notices: Notice[];
  flows: FlowOutcome[];
  solutions: { path: string; result: PartFindings }[];
  settings: PartFindings[];
  /** Custom connectors the unit carries: a flow of any unit may call one. */
  connectors: number;
}

/**
 * One load a thread does: a whole unit; a chunk of a large solution's flows (the solution's other
 * files read by every chunk); the solution without its flows (its skeleton, for what the chunks
 * share); or a copy of a unit, only for its custom connectors.
 */
export type JobRole = 'whole' | 'chunk' | 'skeleton' | 'copy';

export interface JobSpec {
  job: number;
  unit: number;
  given: string;
  /** The files the load keeps (absolute); absent: the whole PATH, with the run's ignores. */
  keep?: string[];
  role: JobRole;
  /** A chunk's flows, by display path. */
  entries?: string[];
  /** The chunk that lints the solution's flows outside its Workflows folder (the others hold them too). */
  lead?: boolean;
  /**
   * Flows of the unit whose files the cache's outlines are still for (cli/units/flow-reuse.ts):
   * loaded with those outlines, read but not built (core/workspace/collector.ts KnownFlows).
   */
  known?: { key: string; outline: FlowOutline }[];
}

export interface LoadReport {
  job: number;
  files: number;
  unreadable: Unreadable[];
  notices: Notice[];
  /** Display paths of the flows, in load order. */
  flows: string[];
  solutions: string[];
  settings: string[];
  connectors: number;
  /** How many of `flows` were read with the cache's outlines, not built (JobSpec.known). */
  known: number;
}

/** A flow a job lints: its place in the job's load, and its outline and transfers. */
export interface KeptRecord {
  job: number;
  local: number;
  key: string;
  kept: KeptFlow;
}

/**
 * One flow of the index a thread lints against, in the run's load order: a flow this thread
 * holds (by its job and place in the job's load), or another's outline and transfers. The index
 * keeps the first flow of a display path, so the order is the run's and each path comes once.
 */
export type IndexEntry = { job: number; local: number; kept?: undefined } | { kept: KeptFlow; job?: undefined };

export interface LintReport {
  job: number;
  flows: { local: number; fingerprint: string; result: PartFindings }[];
  solutions: PartFindings[];
  settings: PartFindings[];
  /** How many of `flows` came from the cache, not linted (UnitRunner.reuseFlows). */
  reused: number;
}

/** The custom connectors of the run, unit by unit in load order, and the units a thread loads again for them. */
export interface LinkPlan {
  order: { unit: number; count: number }[];
  copies: JobSpec[];
}

/** Something a thread or the cache gave that does not add up: the run is redone the plain way. */
export class InconsistentRun extends Error {
  override name = 'InconsistentRun';
}
