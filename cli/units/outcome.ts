import type { KeptFlow } from '../../core/analysis/workspace-index';
import { InconsistentRun, type FlowOutcome, type JobSpec, type LintReport, type LoadReport, type UnitOutcome } from './types';

/** One job's reports and the outline and transfers of its flows, by their place in its load. */
export interface JobDone {
  spec: JobSpec;
  load: LoadReport;
  lint: LintReport;
  kept: ReadonlyMap<number, KeptFlow>;
}

function flowOutcome(job: JobDone, local: number): FlowOutcome {
  const key = job.load.flows[local];
  const kept = job.kept.get(local);
  const lint = job.lint.flows.find((f) => f.local === local);
  if (key === undefined || !kept || !lint) throw new InconsistentRun(`flow ${local} of job ${job.spec.job} was not linted`);
  return { key, kept, fingerprint: lint.fingerprint, result: lint.result };
}

function solutionsOf(job: JobDone): UnitOutcome['solutions'] {
  if (job.lint.solutions.length !== job.load.solutions.length) throw new InconsistentRun(`the solutions of job ${job.spec.job} were not linted`);
  return job.load.solutions.map((path, i) => ({ path, result: job.lint.solutions[i]! }));
}

/** A unit loaded and linted by one job. */
export function wholeOutcome(job: JobDone): UnitOutcome {
  if (job.lint.settings.length !== job.load.settings.length) throw new InconsistentRun(`the settings of job ${job.spec.job} were not linted`);
  return {
    files: job.load.files,
    unreadable: job.load.unreadable,
    notices: job.load.notices,
    flows: job.load.flows.map((_, local) => flowOutcome(job, local)),
    solutions: solutionsOf(job),
    settings: job.lint.settings,
    connectors: job.load.connectors,
  };
}

interface Merged {
  /** The chunk the item is from, or -1 for one the skeleton holds. */
  part: number;
  index: number;
}

/**
 * Each chunk's load read the skeleton and its own flows, in the order the whole solution's load
 * reads them; the skeleton's load read the skeleton alone. The whole solution's sequence is the
 * skeleton's with each chunk's own items in the gaps where that chunk has them, chunks in order
 * (they hold consecutive flows). `baseAt[p][b]` is where chunk p holds the skeleton's item b.
 */
function gapMerge<T>(base: readonly T[], parts: readonly (readonly T[])[], own: (part: number, item: T) => boolean): { merged: Merged[]; baseAt: number[][] } {
  const gaps: Merged[][] = Array.from({ length: base.length + 1 }, () => []);
  const baseAt = parts.map(() => [] as number[]);
  parts.forEach((items, p) => {
    let b = 0;
    items.forEach((item, index) => {
      if (own(p, item)) {
        gaps[b]!.push({ part: p, index });
        return;
      }
      if (b >= base.length || JSON.stringify(base[b]) !== JSON.stringify(item)) throw new InconsistentRun('a chunk read its solution differently from the skeleton');
      baseAt[p]!.push(index);
      b++;
    });
    if (b !== base.length) throw new InconsistentRun('a chunk missed part of its solution');
  });
  const merged = gaps.flatMap((gap, b) => (b < base.length ? [...gap, { part: -1, index: b }] : gap));
  return { merged, baseAt };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A flow entry's own files: the flow, and the pac sidecar beside it (read only for it). */
function ownsFile(entries: ReadonlySet<string>, sidecars: ReadonlySet<string>, file: string | undefined): boolean {
  return file !== undefined && (entries.has(file) || sidecars.has(file.toLowerCase()));
}

/** A loaded chunk: what its job was, and what its load gave. */
export interface ChunkLoad {
  spec: JobSpec;
  load: LoadReport;
}

/**
 * Each flow of a solution loaded in chunks, in the order one load of the solution gives them: the
 * chunk that lints it and its place in that chunk's load. The solution's flows outside Workflows/
 * (every chunk holds them) are the lead chunk's.
 */
export function chunkedFlowOrder(skeleton: LoadReport, chunks: readonly ChunkLoad[]): { chunk: number; local: number }[] {
  const lead = chunks.findIndex((c) => c.spec.lead);
  if (lead < 0) throw new InconsistentRun('no chunk leads');
  const entries = chunks.map((c) => new Set(c.spec.entries ?? []));
  const flows = gapMerge(skeleton.flows, chunks.map((c) => c.load.flows), (p, key) => entries[p]!.has(key));
  return flows.merged.map((m) => (m.part < 0 ? { chunk: lead, local: flows.baseAt[lead]![m.index]! } : { chunk: m.part, local: m.index }));
}

/** A large solution loaded and linted in chunks, put back together as one load of it would have been. */
export function chunkedOutcome(skeleton: JobDone, chunks: readonly JobDone[]): UnitOutcome {
  const entries = chunks.map((c) => new Set(c.spec.entries ?? []));
  const sidecars = chunks.map((c) => new Set((c.spec.entries ?? []).map((e) => `${e}.data.xml`.toLowerCase())));
  for (const c of chunks) {
    if (!same(c.load.solutions, skeleton.load.solutions) || !same(c.load.settings, skeleton.load.settings) || c.load.connectors !== skeleton.load.connectors) {
      throw new InconsistentRun('a chunk loaded another solution than its skeleton');
    }
  }
  const loads = chunks.map((c) => c.load);
  const unreadable = gapMerge(skeleton.load.unreadable, loads.map((l) => l.unreadable), (p, u) => ownsFile(entries[p]!, sidecars[p]!, u.file));
  const notices = gapMerge(skeleton.load.notices, loads.map((l) => l.notices), (p, n) => ownsFile(entries[p]!, sidecars[p]!, n.file));
  const pick = <T>(m: Merged, base: readonly T[], part: (p: number) => readonly T[]): T => (m.part < 0 ? base[m.index] : part(m.part)[m.index]) as T;
  return {
    files: skeleton.load.files + chunks.reduce((n, c) => n + c.load.files - skeleton.load.files, 0),
    unreadable: unreadable.merged.map((m) => pick(m, skeleton.load.unreadable, (p) => loads[p]!.unreadable)),
    notices: notices.merged.map((m) => pick(m, skeleton.load.notices, (p) => loads[p]!.notices)),
    flows: chunkedFlowOrder(skeleton.load, chunks).map(({ chunk, local }) => flowOutcome(chunks[chunk]!, local)),
    solutions: solutionsOf(skeleton),
    settings: skeleton.lint.settings,
    connectors: skeleton.load.connectors,
  };
}
