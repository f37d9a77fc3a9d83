import type { UnitRunner } from './runner';
import type { FlowOutcome, IndexEntry, JobSpec, KeptRecord, LinkPlan, LintReport, LoadReport } from './types';

/** Where jobs run: the main thread itself, or a worker thread (cli/threads/worker.ts). */
export interface UnitHost {
  load(specs: JobSpec[]): Promise<LoadReport[]>;
  link(plan: LinkPlan): Promise<void>;
  keep(): Promise<KeptRecord[]>;
  lint(index: IndexEntry[], jobs: number[]): Promise<LintReport[]>;
  /** Cached outcomes of flows of `unit` that still hold but for their fingerprints (UnitRunner.reuseFlows). */
  reuse(unit: number, flows: FlowOutcome[]): Promise<void>;
  close(): Promise<void>;
}

export class LocalHost implements UnitHost {
  constructor(private readonly runner: UnitRunner) {}

  load(specs: JobSpec[]): Promise<LoadReport[]> {
    return this.runner.load(specs);
  }

  link(plan: LinkPlan): Promise<void> {
    return this.runner.link(plan);
  }

  keep(): Promise<KeptRecord[]> {
    return Promise.resolve(this.runner.keep());
  }

  lint(index: IndexEntry[], jobs: number[]): Promise<LintReport[]> {
    return Promise.resolve(this.runner.lint(index, jobs));
  }

  reuse(unit: number, flows: FlowOutcome[]): Promise<void> {
    this.runner.reuseFlows(unit, flows);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
