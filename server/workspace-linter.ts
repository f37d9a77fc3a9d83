import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { FlowContext } from '../core/workspace/flow-context';
import type { AnalysisStats } from './analysis-stats';
import { CrossFlowState, type KeptUnit } from './cross-flow';
import { settle } from './guard';
import type { Logger } from './logger';
import type { PassWorkerHost } from './pass-host';
import { isInsideFolder } from './paths';
import { PassScheduler } from './pass-scheduler';
import { SILENT, type Progress } from './progress';
import type { FileChange, LoadedProject, Projects } from './projects';
import type { DiagnosticStore } from './store';
import { summary, type PassFlow } from './workspace-pass';
import type { WorkspaceRoots } from './workspace-roots';
import { findUnits, type LintUnit } from './workspace-units';

/** Long enough to take a checkout or an unzip as one change; short enough that a save shows soon. */
const PASS_DELAY_MS = 300;
/** What a workspace pass reads: flows and settings (.json), solution XML (.xml), and archives. */
const READ = new Set(['.json', '.xml', '.zip']);

export interface WorkspaceLinterOptions {
  roots: WorkspaceRoots;
  projects: Projects;
  store: DiagnosticStore;
  /** The client accepts relatedInformation. */
  related: boolean;
  /** Open documents by file, with the URI their client used, which related locations must repeat. */
  openUris(): [string, string][];
  /** Runs each pass off the thread that answers the editor. */
  passes: PassWorkerHost;
  /** Told how many flows each pass that ends linted. */
  stats: AnalysisStats;
  log: Logger;
  /** After each pass: project errors may have changed, and open buffers may now lie in a solution. */
  passed(): Promise<void>;
}

/**
 * Lints every export in the workspace folders as the CLI does, so the Problems panel lists files
 * nobody opened; passes run after the client is initialized and again after files change, in a
 * worker thread (pass-host.ts), so hover, code actions and the lint of the buffer being typed in
 * are answered while a pass runs. This thread keeps what a pass found and publishes it.
 */
export class WorkspaceLinter {
  private readonly scheduler: PassScheduler;
  private progress: () => Promise<Progress> = () => Promise.reject(new Error('not started'));
  private linted: () => void = () => undefined;
  private flows: () => readonly PassFlow[] = () => [];
  private contexts: { get(file: string): FlowContext | undefined } = new Map<string, FlowContext>();
  private begun = false;
  /** The units warm() listed for the first pass. */
  private firstUnits: Promise<LintUnit[] | undefined> | undefined;
  /** What the last pass kept of every flow, for linting a flow against the others. */
  readonly crossFlow = new CrossFlowState();

  constructor(private readonly options: WorkspaceLinterOptions) {
    this.scheduler = new PassScheduler(
      PASS_DELAY_MS,
      () => settle((m) => options.log.error(m), 'linting the workspace', () => this.pass()),
      () => options.passes.cancel(),
    );
  }

  /**
   * Starts the pass worker while the client initializes, so the first pass does not wait for it,
   * and lists the workspace's units meanwhile (this thread is idle then): the worker starts on the
   * first pass's files as soon as it is up. Measured: listing ../shared/corpus's 1,050 files took
   * the worker 25 to 30 ms of the first pass.
   */
  warm(): void {
    const { roots, passes, log } = this.options;
    if (roots.all().length === 0) return;
    passes.warm();
    this.firstUnits = findUnits([...roots.all()], (folder) => roots.cwdFor(folder), (message) => log.error(message)).catch(() => undefined);
  }

  /** The first pass, once the client can take progress and registrations; `linted` is told when each pass ends. */
  start(progress: () => Promise<Progress>, linted: () => void): void {
    this.progress = progress;
    this.linted = linted;
    this.begun = true;
    this.scheduler.schedule(true);
  }

  /** Schedules a pass when a change can alter what one finds; a rename is a delete and a create. */
  changed(changes: readonly { file: string; change: FileChange }[]): void {
    const relevant = changes.some(({ file, change }) =>
      this.options.roots.all().some((root) => file === root || isInsideFolder(file, root)) &&
      // A deleted folder comes as one event with no extension.
      (READ.has(path.extname(file).toLowerCase()) || change === 'deleted'));
    if (relevant) this.rescan();
  }

  /** A pass whatever changed: a project (flowguard.json, a policy) changed under every file. */
  rescan(): void {
    if (this.started()) this.scheduler.schedule();
  }

  /** A pass now (the user asked for one), resolving once it and any pass it made wait have ended. */
  async lintNow(): Promise<void> {
    if (!this.started()) return;
    this.scheduler.schedule(true);
    await this.scheduler.whenIdle();
  }

  /** Resolves once no pass is waiting or running. */
  idle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  isIdle(): boolean {
    return this.scheduler.isIdle;
  }

  /** How the last pass loaded a flow file, for linting its open buffer the same way. */
  contextOf(file: string): FlowContext | undefined {
    return this.contexts.get(file);
  }

  /** The flows of the last pass, once no pass is waiting or running. */
  async lintedFlows(): Promise<readonly PassFlow[]> {
    await this.scheduler.whenIdle();
    return this.flows();
  }

  /** A file changed: the pass worker's projects go stale as the main thread's do. */
  invalidate(file: string, change: FileChange): void {
    this.options.passes.invalidate(file, change);
  }

  stop(): void {
    this.scheduler.stop();
    this.options.passes.stop();
  }

  private started(): boolean {
    return this.begun && !this.scheduler.isStopped && this.options.roots.all().length > 0;
  }

  private async pass(): Promise<void> {
    const { roots, projects, log } = this.options;
    if (roots.all().length === 0) return;
    const started = Date.now();
    // The pass starts at once; the client is asked for a progress token meanwhile (a round trip),
    // and what the pass reports waits for it, in order.
    const progress = this.progress()
      .catch(() => SILENT)
      .then((p) => {
        p.begin('FlowGuard: linting workspace');
        return p;
      });
    let outcome = 'stopped';
    // This thread loads the units' projects too, while the worker lints: it publishes their errors and lints open documents with them.
    const loads: Promise<LoadedProject>[] = [];
    // Flow files' diagnostics come as their flows are linted, and are published at once, while the worker goes on.
    const streamed = new Map<string, Diagnostic[]>();
    let crossFlow: Promise<(() => readonly KeptUnit[]) | undefined> | undefined;
    try {
      const units = await this.firstUnits;
      this.firstUnits = undefined;
      const result = await this.options.passes.run(
        { roots: [...roots.all()], related: this.options.related, open: this.options.openUris(), ...(units ? { units } : {}) },
        {
          units: (units) => loads.push(...units.map((unit) => projects.get(unit.folder, unit.cwd))),
          progress: (percentage, message) => void progress.then((p) => p.report(percentage, message)),
          diagnostics: (diagnostics) => {
            for (const [file, list] of diagnostics) streamed.set(file, list);
            this.options.store.streamWorkspace(diagnostics);
          },
        },
      );
      await Promise.all(loads);
      if (!result) return;
      this.flows = result.flows;
      this.contexts = result.contexts;
      crossFlow = result.crossFlow;
      // Published before the progress ends, so a client that waits for the end sees them; the
      // files streamed are the same lists, which the store does not publish again.
      for (const [file, list] of result.diagnostics) streamed.set(file, list);
      this.options.store.setWorkspace(streamed);
      outcome = summary(result.counts);
      this.options.stats.passed(result.counts.flows);
      log.info(`Linted the workspace in ${Date.now() - started} ms: ${outcome}.`);
    } catch (error) {
      outcome = 'failed; see the FlowGuard output';
      throw error;
    } finally {
      (await progress).end(outcome);
    }
    // The cross-flow data comes last (the worker completes it after its result): until then edits
    // are linted against the last pass's, as while the pass ran.
    const units = await crossFlow;
    if (units) this.crossFlow.replace(units);
    await this.options.passed();
    this.linted();
  }
}
