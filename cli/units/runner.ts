import { WorkspaceIndex, type IndexMember, type IndexOptions } from '../../core/analysis/workspace-index';
import type { RuleSetting } from '../../core/config/types';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import type { Flow } from '../../core/model/types';
import type { Project } from '../../core/project/load';
import { Workspace } from '../../core/workspace/collector';
import { linkWorkspace } from '../../core/workspace/link';
import { loadPaths } from '../../core/workspace/load-paths';
import { allRules } from '../../rules';
import { ownPart, type RunInvariants } from './own-part';
import { keepOnly } from './plan';
import { InconsistentRun, type IndexEntry, type JobSpec, type KeptRecord, type LinkPlan, type LintReport, type LoadReport } from './types';

export interface RunnerOptions {
  cwd: string;
  /** The run's ignore (flowguard.json's globs), for a job that loads a whole PATH. */
  ignore?: (absPath: string) => boolean;
  overrides?: Record<string, RuleSetting>;
  ignoreSuppressions?: boolean;
}

interface Job {
  spec: JobSpec;
  ws: Workspace;
  /** Indexes into ws.flows of the flows this job lints. */
  own: number[];
  linked: boolean;
  kept: boolean;
}

/** The options rules hand WorkspaceIndex.crossFlow (see rules/exfiltration/unresolved-child-flow.ts). */
export function indexOptions(project: Project): IndexOptions {
  return { policies: project.applicable, trustedDomains: project.config.trustedDomains };
}

function ownFlows(spec: JobSpec, ws: Workspace): number[] {
  if (spec.role === 'whole') return ws.flows.map((_, i) => i);
  if (spec.role !== 'chunk') return [];
  const entries = new Set(spec.entries ?? []);
  // A chunk holds the flows of its entries and the solution's flows outside Workflows/, which every chunk reads: the lead lints those.
  return ws.flows.flatMap((flow, i) => (entries.has(flow.doc.source.path) || spec.lead ? [i] : []));
}

/**
 * The loads and lints of one thread (or of the main thread, when it does them itself), in the
 * phases a run over units needs: load the jobs; link them to the run's custom connectors; give
 * the outline and transfers of their flows for the index of the whole run; lint them against it.
 */
export class UnitRunner {
  private readonly jobs = new Map<number, Job>();

  constructor(private readonly project: Project, private readonly options: RunnerOptions) {}

  async load(specs: readonly JobSpec[]): Promise<LoadReport[]> {
    const reports: LoadReport[] = [];
    for (const spec of specs) {
      // Blocking reads, as the plain CLI's (cli/project.ts): a thread has nothing else to do meanwhile.
      const ws = await loadPaths([spec.given], { cwd: this.options.cwd, ignore: spec.keep ? keepOnly(spec.keep) : this.options.ignore, maxFiles: 200_000, sync: true });
      this.jobs.set(spec.job, { spec, ws, own: ownFlows(spec, ws), linked: false, kept: false });
      reports.push({
        job: spec.job,
        files: ws.files,
        unreadable: ws.unreadable,
        notices: ws.notices,
        flows: ws.flows.map((f) => f.doc.source.path),
        solutions: ws.solutions.map((s) => s.path),
        settings: ws.deploymentSettings.map((s) => s.doc.source.path),
        connectors: ws.customConnectors.length,
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
      if (job.linked || job.own.length === 0) continue;
      const view = new Workspace();
      for (const { unit, count } of plan.order) {
        const source = job.spec.unit === unit ? job : this.anyLoadOf(unit);
        if (!source || source.ws.customConnectors.length !== count) throw new InconsistentRun(`the custom connectors of unit ${unit} are not there`);
        view.customConnectors.push(...source.ws.customConnectors);
      }
      view.flows.push(...job.ws.flows);
      linkWorkspace(view);
      job.linked = true;
    }
  }

  private anyLoadOf(unit: number): Job | undefined {
    for (const job of this.jobs.values()) if (job.spec.unit === unit) return job;
    return undefined;
  }

  /** Outline and transfers of each flow the jobs lint, after linking (transfers follow a step's connector). */
  keep(): KeptRecord[] {
    const records: KeptRecord[] = [];
    const options = indexOptions(this.project);
    for (const job of this.jobs.values()) {
      if (job.kept) continue;
      job.kept = true;
      const flows = job.own.map((i) => job.ws.flows[i] as Flow);
      const index = WorkspaceIndex.ofFlows(flows);
      job.own.forEach((local, n) => {
        const key = (flows[n] as Flow).doc.source.path;
        records.push({ job: job.spec.job, local, key, kept: { outline: index.outline(key)!, transfers: index.transfers(key, options) } });
      });
    }
    return records;
  }

  /** Lints `jobs` against the index of the whole run (`index`: its flows in load order, those held here by reference). */
  lint(index: readonly IndexEntry[], jobs: readonly number[]): LintReport[] {
    const members: IndexMember[] = index.map((entry) => {
      if (entry.kept) return { kept: entry.kept };
      const flow = this.jobs.get(entry.job)?.ws.flows[entry.local];
      if (!flow) throw new InconsistentRun(`flow ${entry.local} of job ${entry.job} is not here`);
      return { flow };
    });
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
      const flows = job.own.map((local) => {
        const flow = job.ws.flows[local] as Flow;
        const view = new Workspace();
        view.flows.push(flow);
        return { local, fingerprint: workspace.fingerprint(flow.doc.source.path, options), result: ownPart(lint(view), invariants) };
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
      reports.push({ job: id, flows, solutions, settings });
    }
    return reports;
  }
}
