import type { FlowOutline } from '../../core/analysis/flow-outline';
import { flowTransfers } from '../../core/analysis/flow-transfers';
import { WorkspaceIndex, type IndexMember, type IndexOptions, type KeptFlow } from '../../core/analysis/workspace-index';
import type { RuleSetting } from '../../core/config/types';
import { buildPending, pendingFlow, type PendingFlow } from '../../core/engine/flow-queue';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import { forgetFlow } from '../../core/model/per-flow';
import type { CustomConnector, Flow } from '../../core/model/types';
import type { Project } from '../../core/project/load';
import { Workspace, type KnownFlows } from '../../core/workspace/collector';
import { loadPaths } from '../../core/workspace/load-paths';
import { allRules } from '../../rules';
import { ownPart, type RunInvariants } from './own-part';
import { keepOnly } from './plan';
import { InconsistentRun, type FlowOutcome, type IndexEntry, type JobSpec, type KeptRecord, type LinkPlan, type LintReport, type LoadReport } from './types';

export interface RunnerOptions {
  cwd: string;
  /** The run's ignore (flowguard.json's globs), for a job that loads a whole PATH. */
  ignore?: (absPath: string) => boolean;
  overrides?: Record<string, RuleSetting>;
  ignoreSuppressions?: boolean;
}

// A flow is kept as the load left it (flow-queue.ts: text, load context, outline), built again
// from its text when needed (for its transfers, then for its lint) and let go at once: a thread
// that held every tree of its share spent a third of its time collecting them, and took 420 MB
// for 1,000 generated flows where one thread of the plain CLI takes 175 MB.
interface Job {
  spec: JobSpec;
  ws: Workspace;
  /** The job's flows in load order (none for a copy, which is loaded for its connectors only). */
  flows: PendingFlow[];
  /** Indexes into `flows` of the flows this job lints. */
  own: number[];
  /** The run's custom connectors in the run's order, once linked: each flow is built with them. */
  connectors?: readonly CustomConnector[];
  /** The outline and transfers of each own flow by its index in `flows`, once kept. */
  kept?: Map<number, KeptFlow>;
}

/** The options rules hand WorkspaceIndex.crossFlow (see rules/exfiltration/unresolved-child-flow.ts). */
export function indexOptions(project: Project): IndexOptions {
  return { policies: project.applicable, trustedDomains: project.config.trustedDomains };
}

function ownFlows(spec: JobSpec, flows: readonly PendingFlow[]): number[] {
  if (spec.role === 'whole') return flows.map((_, i) => i);
  if (spec.role !== 'chunk') return [];
  const entries = new Set(spec.entries ?? []);
  // A chunk holds the flows of its entries and the solution's flows outside Workflows/, which every chunk reads: the lead lints those.
  return flows.flatMap((flow, i) => (entries.has(flow.source.path) || spec.lead ? [i] : []));
}

/**
 * The loads and lints of one thread (or of the main thread, when it does them itself), in the
 * phases a run over units needs: load the jobs; link them to the run's custom connectors; give
 * the outline and transfers of their flows for the index of the whole run; lint them against it.
 */
export class UnitRunner {
  private readonly jobs = new Map<number, Job>();
  /** Cached outcomes of flows that still hold, by unit, then display path (see reuseFlows). */
  private readonly reuse = new Map<number, ReadonlyMap<string, FlowOutcome>>();

  constructor(private readonly project: Project, private readonly options: RunnerOptions) {}

  async load(specs: readonly JobSpec[]): Promise<LoadReport[]> {
    const reports: LoadReport[] = [];
    for (const spec of specs) {
      // Blocking reads, as the plain CLI's (cli/project.ts): a thread has nothing else to do meanwhile.
      const flows: PendingFlow[] = [];
      const sink = (flow: Flow): void => {
        if (spec.role !== 'copy') flows.push(pendingFlow(flow));
      };
      // A flow the cache has the outline of is read, not built: built later only if it must be
      // (its transfers or findings do not hold). Whether it can pass data on is then not known.
      const outlines = new Map((spec.role === 'copy' ? [] : (spec.known ?? [])).map((k) => [k.key, k.outline]));
      let read = 0;
      const known: KnownFlows = {
        has: (path) => outlines.has(path),
        sink: (source, context) => {
          read++;
          flows.push({ source, context, outline: outlines.get(source.path) as FlowOutline, mayTransfer: true });
        },
      };
      const ws = await loadPaths([spec.given], { cwd: this.options.cwd, ignore: spec.keep ? keepOnly(spec.keep) : this.options.ignore, maxFiles: 200_000, sync: true, flowSink: sink, ...(outlines.size > 0 ? { known } : {}) });
      this.jobs.set(spec.job, { spec, ws, flows, own: ownFlows(spec, flows) });
      reports.push({
        job: spec.job,
        files: ws.files,
        unreadable: ws.unreadable,
        notices: ws.notices,
        flows: ws.releasedFlows.slice(),
        solutions: ws.solutions.map((s) => s.path),
        settings: ws.deploymentSettings.map((s) => s.doc.source.path),
        connectors: ws.customConnectors.length,
        known: read,
      });
    }
    return reports;
  }

  /**
   * Links every flow to the custom connectors of the whole run, in the run's order, as one load
   * links them (core/workspace/link.ts): each unit's own connectors from its own load (a flow
   * prefers one of its own solution, by identity), another unit's from any load of it here.
   */
  async link(plan: LinkPlan): Promise<void> {
    if (plan.order.length === 0) return;
    await this.load(plan.copies.filter((c) => !this.jobs.has(c.job)));
    for (const job of this.jobs.values()) {
      if (job.connectors || job.own.length === 0) continue;
      const connectors: CustomConnector[] = [];
      for (const { unit, count } of plan.order) {
        const source = job.spec.unit === unit ? job : this.anyLoadOf(unit);
        if (!source || source.ws.customConnectors.length !== count) throw new InconsistentRun(`the custom connectors of unit ${unit} are not there`);
        connectors.push(...source.ws.customConnectors);
      }
      // Each flow links to them when it is built (rebuildFlow), as a flow of the plain CLI does.
      job.connectors = connectors;
    }
  }

  private anyLoadOf(unit: number): Job | undefined {
    for (const job of this.jobs.values()) if (job.spec.unit === unit) return job;
    return undefined;
  }

  /** The flow at `local` of a job, built from its text with the run's connectors; forgetFlow it once done. */
  private build(job: Job, local: number): Flow {
    const loaded = job.flows[local];
    if (!loaded) throw new InconsistentRun(`flow ${local} of job ${job.spec.job} is not here`);
    try {
      return buildPending(loaded, job.connectors ?? []);
    } catch (error) {
      throw new InconsistentRun(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Flows of `unit` whose cached outcome holds but for their fingerprint (cli/units/flow-reuse.ts):
   * keep() takes their transfers from it, and lint() their findings when the fingerprint is the
   * same, so neither builds them. Call it before keep().
   */
  reuseFlows(unit: number, flows: readonly FlowOutcome[]): void {
    this.reuse.set(unit, new Map(flows.map((f) => [f.key, f])));
  }

  /** Outline and transfers of each flow the jobs lint, after linking (transfers follow a step's connector). */
  keep(): KeptRecord[] {
    const records: KeptRecord[] = [];
    const options = indexOptions(this.project);
    for (const job of this.jobs.values()) {
      if (job.kept) continue;
      const kept = new Map<number, KeptFlow>();
      job.kept = kept;
      for (const local of job.own) {
        const { outline, mayTransfer } = job.flows[local] as PendingFlow;
        let transfers: KeptFlow['transfers'] = { sources: [], transfers: [] };
        const cached = this.reuse.get(job.spec.unit)?.get(outline.key);
        // Only a flow that can pass data on is built for its transfers; any other has none.
        if (cached) {
          transfers = cached.kept.transfers;
        } else if (mayTransfer) {
          const flow = this.build(job, local);
          transfers = flowTransfers(flow, options);
          forgetFlow(flow);
        }
        kept.set(local, { outline, transfers });
        records.push({ job: job.spec.job, local, key: outline.key, kept: { outline, transfers } });
      }
    }
    return records;
  }

  private keptHere(jobId: number, local: number): KeptFlow {
    const kept = this.jobs.get(jobId)?.kept?.get(local);
    if (!kept) throw new InconsistentRun(`flow ${local} of job ${jobId} is not here`);
    return kept;
  }

  /** Lints `jobs` against the index of the whole run (`index`: its flows in load order, those held here by reference). */
  lint(index: readonly IndexEntry[], jobs: readonly number[]): LintReport[] {
    // Every flow by what was kept of it; the one being linted is admitted meanwhile (as flow-queue.ts does).
    const members: IndexMember[] = index.map((entry) => ({ kept: entry.kept ?? this.keptHere(entry.job, entry.local) }));
    const workspace = new WorkspaceIndex(members);
    // Units apply without --fix and --fix-dry-run only, the runs that look at fixes (cli/commands/lint.ts).
    const lintOptions = { overrides: this.options.overrides, ignoreSuppressions: this.options.ignoreSuppressions, workspace, fixes: false };
    const lint = (view: Workspace) => lintWorkspace(view, this.project, allRules, lintOptions);
    const invariants: RunInvariants = lint(new Workspace());
    const options = indexOptions(this.project);
    const reports: LintReport[] = [];
    for (const id of jobs) {
      const job = this.jobs.get(id);
      if (!job) throw new InconsistentRun(`job ${id} was never loaded`);
      const reusable = this.reuse.get(job.spec.unit);
      let reused = 0;
      const flows = job.own.map((local) => {
        const cached = reusable?.get((job.flows[local] as PendingFlow).outline.key);
        if (cached) {
          // Not admitted: the index holds what was kept of it, which is what it would be built into.
          const fingerprint = workspace.fingerprint(cached.key, options);
          if (fingerprint === cached.fingerprint) {
            reused++;
            return { local, fingerprint, result: cached.result };
          }
        }
        const flow = this.build(job, local);
        const key = flow.doc.source.path;
        workspace.admit(flow);
        const view = new Workspace();
        view.flows.push(flow);
        const linted = { local, fingerprint: workspace.fingerprint(key, options), result: ownPart(lint(view), invariants) };
        workspace.release(key);
        forgetFlow(flow);
        return linted;
      });
      const targets = job.spec.role === 'whole' || job.spec.role === 'skeleton';
      const solutions = targets
        ? job.ws.solutions.map((solution) => {
            const view = new Workspace();
            view.solutions.push(solution);
            return ownPart(lint(view), invariants);
          })
        : [];
      const settings = targets
        ? job.ws.deploymentSettings.map((s) => {
            const view = new Workspace();
            view.deploymentSettings.push(s);
            return ownPart(lint(view), invariants);
          })
        : [];
      reports.push({ job: id, flows, solutions, settings, reused });
    }
    return reports;
  }
}
