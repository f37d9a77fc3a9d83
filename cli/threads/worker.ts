import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { RuleSetting } from '../../core/config/types';
import { ignoreMatcher } from '../../core/project/glob';
import type { ProjectArgs } from '../options';
import { loadCliProject } from '../project';
import type { UnitHost } from '../units/host';
import { UnitRunner } from '../units/runner';
import type { FlowOutcome, IndexEntry, JobSpec, KeptRecord, LinkPlan, LintReport, LoadReport } from '../units/types';

// A worker thread runs this same file: the CLI's bundle (dist/cli.js, the npm package's bin), the
// GitHub Action's (dist-action/flowguard.js), or this module when the sources run unbundled. Every
// one of them evaluates this module as it loads, and the call at the bottom starts serving when
// the thread is one of FlowGuard's lint workers, so no bundle ships a second entry file.

const MARK = 'flowguardLintWorker';

export interface WorkerSetup {
  cwd: string;
  /** The command line's project options: the worker reads flowguard.json and the policies as the main thread did. */
  project: ProjectArgs;
  overrides?: Record<string, RuleSetting>;
  ignoreSuppressions?: boolean;
}

type Request =
  | { id: number; op: 'load'; specs: JobSpec[] }
  | { id: number; op: 'link'; plan: LinkPlan }
  | { id: number; op: 'keep' }
  | { id: number; op: 'lint'; index: IndexEntry[]; jobs: number[] }
  | { id: number; op: 'reuse'; unit: number; flows: FlowOutcome[] };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** True in a thread that startLintWorker started (a program that embeds the CLI in its own worker is not one). */
export function isLintWorker(): boolean {
  return !isMainThread && (workerData as Record<string, unknown> | null)?.[MARK] === true;
}

let serving = false;

/** In a lint worker, answers the main thread's requests one at a time; anywhere else, does nothing. */
export function serveIfLintWorker(): void {
  const port = parentPort;
  if (serving || !isLintWorker() || !port) return;
  serving = true;
  const setup = (workerData as { setup: WorkerSetup }).setup;
  const ready = loadCliProject(setup.project, setup.cwd).then((project) => {
    const ignore = ignoreMatcher(project.config.root, project.config.ignore);
    return new UnitRunner(project, { cwd: setup.cwd, ignore, overrides: setup.overrides, ignoreSuppressions: setup.ignoreSuppressions });
  });
  // Until the first request: a failure to read the project is then the answer to it.
  ready.catch(() => undefined);
  port.on('message', (request: Request) => {
    void answer(request).then((reply) => port.postMessage(reply));
  });
  async function answer(request: Request): Promise<Reply> {
    try {
      const runner = await ready;
      switch (request.op) {
        case 'load':
          return { id: request.id, ok: true, value: await runner.load(request.specs) };
        case 'link':
          await runner.link(request.plan);
          return { id: request.id, ok: true, value: undefined };
        case 'keep':
          return { id: request.id, ok: true, value: runner.keep() };
        case 'lint':
          return { id: request.id, ok: true, value: runner.lint(request.index, request.jobs) };
        case 'reuse':
          runner.reuseFlows(request.unit, request.flows);
          return { id: request.id, ok: true, value: undefined };
      }
    } catch (error) {
      return { id: request.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}

/** The main thread's side of one lint worker. */
export class WorkerHost implements UnitHost {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private failure?: Error;

  constructor(setup: WorkerSetup) {
    this.worker = new Worker(__filename, { workerData: { [MARK]: true, setup } });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(`a lint worker failed: ${reply.error}`));
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const waiter of this.waiting.values()) waiter.reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a lint worker stopped (exit code ${code})`)));
  }

  private request<T>(message: WithoutId<Request>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  load(specs: JobSpec[]): Promise<LoadReport[]> {
    return this.request({ op: 'load', specs });
  }

  link(plan: LinkPlan): Promise<void> {
    return this.request({ op: 'link', plan });
  }

  keep(): Promise<KeptRecord[]> {
    return this.request({ op: 'keep' });
  }

  lint(index: IndexEntry[], jobs: number[]): Promise<LintReport[]> {
    return this.request({ op: 'lint', index, jobs });
  }

  reuse(unit: number, flows: FlowOutcome[]): Promise<void> {
    return this.request({ op: 'reuse', unit, flows });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }
}

serveIfLintWorker();
