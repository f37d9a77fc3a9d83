import type { FlowOutline } from '../../core/analysis/flow-outline';
import type { KeptFlow } from '../../core/analysis/workspace-index';
import { shareOut, type Share } from '../threads/share';
import type { UnitHost } from './host';
import { chunkedFlowOrder, chunkedOutcome, wholeOutcome, type JobDone } from './outcome';
import type { Unit } from './plan';
import { InconsistentRun, type FlowOutcome, type IndexEntry, type JobSpec, type LintReport, type LoadReport, type UnitOutcome } from './types';

interface Job {
  spec: JobSpec;
  host: UnitHost;
  load?: LoadReport;
  lint?: LintReport;
  kept: Map<number, KeptFlow>;
}

interface UnitJobs {
  whole?: number;
  skeleton?: number;
  chunks: number[];
}

/** A unit's files without its Workflows/ flows: what every chunk of it shares. */
function skeletonFiles(unit: Unit): string[] | undefined {
  if (!unit.files) return undefined;
  const flows = new Set(unit.flowFiles ?? []);
  return unit.files.filter((f) => !flows.has(f));
}

/**
 * Which job loads and lints what, on which host, and what each gave. The first round shares the
 * units out among the threads (a large solution in chunks, see cli/threads/share.ts); later
 * rounds (units whose cached results turned out stale) go whole, one host after the other.
 */
export class Schedule {
  private next = 0;
  private readonly jobs = new Map<number, Job>();
  private readonly byUnit = new Map<number, UnitJobs>();
  /** Units each host holds some load of, so a copy for their custom connectors is not loaded twice. */
  private readonly holds = new Map<UnitHost, Set<number>>();
  private turn = 0;
  /** The units whose reusable flows each host was handed (see reuse). */
  private readonly reused = new Map<UnitHost, Set<number>>();
  /** By unit: flows the cache has the outlines of, for the loads (see know). */
  private readonly known = new Map<number, { key: string; outline: FlowOutline }[]>();

  /**
   * `local` is the main thread and `workers` the worker threads: each takes a share of the units;
   * the main thread also loads the skeletons of chunked solutions and lints their own files.
   */
  constructor(private readonly units: readonly Unit[], private readonly workers: readonly UnitHost[], private readonly local: UnitHost) {}

  private get runners(): readonly UnitHost[] {
    return [...this.workers, this.local];
  }

  /**
   * Runs `work` on each host, the main thread's last: its work runs on this thread, so the
   * workers' requests are sent before it starts.
   */
  private async onHosts<T>(hosts: Iterable<[UnitHost, T]>, work: (host: UnitHost, value: T) => Promise<void>): Promise<void> {
    const list = [...hosts].sort(([a], [b]) => Number(a === this.local) - Number(b === this.local));
    await Promise.all(list.map(([host, value]) => work(host, value)));
  }

  private add(host: UnitHost, spec: Omit<JobSpec, 'job'>): JobSpec {
    const job: JobSpec = { ...spec, job: this.next++ };
    this.jobs.set(job.job, { spec: job, host, kept: new Map() });
    let held = this.holds.get(host);
    if (!held) this.holds.set(host, (held = new Set()));
    held.add(job.unit);
    return job;
  }

  private unitJobs(unit: number): UnitJobs {
    let jobs = this.byUnit.get(unit);
    if (!jobs) this.byUnit.set(unit, (jobs = { chunks: [] }));
    return jobs;
  }

  private specsOf(share: Share, host: UnitHost): JobSpec[] {
    const unit = this.units[share.unit]!;
    const jobs = this.unitJobs(share.unit);
    if (!share.flows) {
      const known = this.known.get(share.unit);
      const job = this.add(host, { unit: share.unit, given: unit.given, ...(unit.files ? { keep: unit.files } : {}), role: 'whole', ...(known ? { known } : {}) });
      jobs.whole = job.job;
      return [job];
    }
    const { from, to } = share.flows;
    const flowFiles = unit.flowFiles ?? [];
    const outside = new Set([...flowFiles.slice(0, from), ...flowFiles.slice(to)]);
    const entries = (unit.flowDisplays ?? []).slice(from, to);
    const inChunk = new Set(entries);
    const known = this.known.get(share.unit)?.filter((k) => inChunk.has(k.key));
    const chunk = this.add(host, {
      unit: share.unit,
      given: unit.given,
      keep: (unit.files ?? []).filter((f) => !outside.has(f)),
      role: 'chunk',
      entries,
      ...(from === 0 ? { lead: true } : {}),
      ...(known && known.length > 0 ? { known } : {}),
    });
    jobs.chunks.push(chunk.job);
    const specs = [chunk];
    if (jobs.skeleton === undefined) {
      const skeleton = this.add(this.local, { unit: share.unit, given: unit.given, keep: skeletonFiles(unit) ?? [], role: 'skeleton' });
      jobs.skeleton = skeleton.job;
      specs.push(skeleton);
    }
    return specs;
  }

  /** Flows each unit's loads may take the outlines of from the cache, not building them (JobSpec.known): call it before load(). */
  know(units: ReadonlyMap<number, { flows: readonly FlowOutcome[] }>): void {
    for (const [unit, { flows }] of units) this.known.set(unit, flows.map((f) => ({ key: f.key, outline: f.kept.outline })));
  }

  /** What the jobs are, for the trace: how many of each role, and how many flows each loaded. */
  describe(): string {
    return [...this.jobs.values()].map((j) => `${j.spec.role}${j.host === this.local ? '@main' : ''}:${j.load?.flows.length ?? '-'}${j.load?.known ? ` (${j.load.known} not built)` : ''}`).join(' ');
  }

  /** Loads `pending` units; with `split`, shared out among the threads, else each whole on the next host. */
  async load(pending: readonly number[], split: boolean): Promise<void> {
    const runners = this.runners;
    const shares: Share[] = split ? shareOut(this.units, pending, runners.length) : pending.map((unit) => ({ thread: this.turn++ % runners.length, unit }));
    const byHost = new Map<UnitHost, JobSpec[]>();
    for (const share of shares) {
      const host = runners[share.thread]!;
      for (const spec of this.specsOf(share, host)) {
        const owner = this.jobs.get(spec.job)!.host;
        const list = byHost.get(owner);
        if (list) list.push(spec);
        else byHost.set(owner, [spec]);
      }
    }
    await this.onHosts(byHost, async (host, specs) => {
      for (const report of await host.load(specs)) this.job(report.job).load = report;
    });
  }

  private job(id: number): Job {
    const job = this.jobs.get(id);
    if (!job) throw new InconsistentRun(`no job ${id}`);
    return job;
  }

  private loadOf(id: number | undefined): LoadReport {
    const load = id === undefined ? undefined : this.jobs.get(id)?.load;
    if (!load) throw new InconsistentRun(`job ${id} did not load`);
    return load;
  }

  /** How many custom connectors a loaded unit carries, or undefined when this run did not load it. */
  connectors(unit: number): number | undefined {
    const jobs = this.byUnit.get(unit);
    if (!jobs) return undefined;
    return this.loadOf(jobs.whole ?? jobs.skeleton).connectors;
  }

  /** Links the flows of every host to the run's custom connectors (`order`: unit by unit, in load order). */
  async link(order: { unit: number; count: number }[]): Promise<void> {
    if (order.length === 0) return;
    const withFlows = new Set([...this.jobs.values()].filter((j) => j.spec.role === 'whole' || j.spec.role === 'chunk').map((j) => j.host));
    await this.onHosts(
      [...withFlows].map((host) => [host, undefined] as [UnitHost, undefined]),
      (host) => {
        const held = this.holds.get(host) ?? new Set<number>();
        const copies = order
          .filter(({ unit }) => !held.has(unit))
          .map(({ unit }) => {
            const u = this.units[unit]!;
            const keep = u.kind === 'solution' ? skeletonFiles(u) : u.files;
            return this.add(host, { unit, given: u.given, ...(keep ? { keep } : {}), role: 'copy' });
          });
        return host.link({ order, copies });
      },
    );
  }

  /**
   * Hands each host that loaded flows of a unit in `flows` the cached outcomes of those that still
   * hold (UnitRunner.reuseFlows), once per unit and host: call it before keep().
   */
  async reuse(flows: ReadonlyMap<number, FlowOutcome[]>): Promise<void> {
    const sends: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      const outcomes = flows.get(job.spec.unit);
      if (!outcomes || (job.spec.role !== 'whole' && job.spec.role !== 'chunk')) continue;
      let sent = this.reused.get(job.host);
      if (!sent) this.reused.set(job.host, (sent = new Set()));
      if (sent.has(job.spec.unit)) continue;
      sent.add(job.spec.unit);
      sends.push(job.host.reuse(job.spec.unit, outcomes));
    }
    await Promise.all(sends);
  }

  /** Collects the outline and transfers of every flow loaded since the last call. */
  async keep(): Promise<void> {
    const hosts = new Set([...this.jobs.values()].map((j) => j.host));
    await this.onHosts(
      [...hosts].map((host) => [host, undefined] as [UnitHost, undefined]),
      async (host) => {
        for (const record of await host.keep()) this.job(record.job).kept.set(record.local, record.kept);
      },
    );
  }

  /** A loaded unit's flows, in the order one load of it gives them: the job that lints each, its place in that job's load, its key. */
  flowRefs(unit: number): { job: number; local: number; key: string }[] {
    const jobs = this.byUnit.get(unit);
    if (!jobs) throw new InconsistentRun(`unit ${unit} was not loaded`);
    if (jobs.whole !== undefined) {
      const job = jobs.whole;
      return this.loadOf(job).flows.map((key, local) => ({ job, local, key }));
    }
    const chunks = jobs.chunks.map((id) => ({ spec: this.job(id).spec, load: this.loadOf(id) }));
    return chunkedFlowOrder(this.loadOf(jobs.skeleton), chunks).map(({ chunk, local }) => ({ job: jobs.chunks[chunk]!, local, key: chunks[chunk]!.load.flows[local]! }));
  }

  /** The outline and transfers of a flow a job lints. */
  keptOf(job: number, local: number): KeptFlow {
    const kept = this.job(job).kept.get(local);
    if (!kept) throw new InconsistentRun(`flow ${local} of job ${job} was not kept`);
    return kept;
  }

  /**
   * Lints every job not linted yet. `index` is every flow of the run in load order, once per
   * display path: each host gets those it holds by reference and the others' outlines.
   */
  async lint(index: readonly IndexEntry[]): Promise<void> {
    const byHost = new Map<UnitHost, number[]>();
    for (const job of this.jobs.values()) {
      if (job.spec.role === 'copy' || job.lint) continue;
      const list = byHost.get(job.host);
      if (list) list.push(job.spec.job);
      else byHost.set(job.host, [job.spec.job]);
    }
    await this.onHosts(byHost, async (host, ids) => {
      const entries = index.map((e): IndexEntry => (e.kept || this.job(e.job).host === host ? e : { kept: this.keptOf(e.job, e.local) }));
      for (const report of await host.lint(entries, ids)) this.job(report.job).lint = report;
    });
  }

  /** How many flows the lints took from the cache (see reuse). */
  reusedFlows(): number {
    let reused = 0;
    for (const job of this.jobs.values()) reused += job.lint?.reused ?? 0;
    return reused;
  }

  private done(id: number): JobDone {
    const job = this.job(id);
    if (!job.load || !job.lint) throw new InconsistentRun(`job ${id} is not done`);
    return { spec: job.spec, load: job.load, lint: job.lint, kept: job.kept };
  }

  /** A loaded unit's outcome, its chunks put back together. */
  outcome(unit: number): UnitOutcome {
    const jobs = this.byUnit.get(unit);
    if (!jobs) throw new InconsistentRun(`unit ${unit} was not loaded`);
    if (jobs.whole !== undefined) return wholeOutcome(this.done(jobs.whole));
    if (jobs.skeleton === undefined || jobs.chunks.length === 0) throw new InconsistentRun(`unit ${unit} has no chunks`);
    return chunkedOutcome(this.done(jobs.skeleton), jobs.chunks.map((id) => this.done(id)));
  }
}
