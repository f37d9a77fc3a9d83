import * as path from 'node:path';
import type { FlowContext } from '../core/workspace/flow-context';
import { CrossFlowState } from './cross-flow';
import type { DiagnosticOptions } from './diagnostics';
import { settle } from './guard';
import type { Logger } from './logger';
import { isInsideFolder } from './paths';
import { PassScheduler } from './pass-scheduler';
import { SILENT, type Progress } from './progress';
import type { FileChange, Projects } from './projects';
import type { DiagnosticStore } from './store';
import { runPass, summary, type PassFlow } from './workspace-pass';
import type { WorkspaceRoots } from './workspace-roots';
import { findUnits } from './workspace-units';

/** Long enough to take a checkout or an unzip as one change; short enough that a save shows soon. */
const PASS_DELAY_MS = 300;
/** What a workspace pass reads: flows and settings (.json), solution XML (.xml), and archives. */
const READ = new Set(['.json', '.xml', '.zip']);

export interface WorkspaceLinterOptions {
  roots: WorkspaceRoots;
  projects: Projects;
  store: DiagnosticStore;
  diagnostics: Omit<DiagnosticOptions, 'cwd'>;
  log: Logger;
  /** After each pass: project errors may have changed, and open buffers may now lie in a solution. */
  passed(): Promise<void>;
}

/**
 * Lints every export in the workspace folders as the CLI does, so the Problems panel lists files
 * nobody opened; passes run after the client is initialized and again after files change.
 */
export class WorkspaceLinter {
  private readonly scheduler: PassScheduler;
  private progress: () => Promise<Progress> = () => Promise.reject(new Error('not started'));
  private linted: () => void = () => undefined;
  private flows: PassFlow[] = [];
  private contexts = new Map<string, FlowContext>();
  private begun = false;
  /** What the last pass kept of every flow, for linting a flow against the others. */
  readonly crossFlow = new CrossFlowState();

  constructor(private readonly options: WorkspaceLinterOptions) {
    this.scheduler = new PassScheduler(PASS_DELAY_MS, () => settle((m) => options.log.error(m), 'linting the workspace', () => this.pass()));
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

  /** How the last pass loaded a flow file, for linting its open buffer the same way. */
  contextOf(file: string): FlowContext | undefined {
    return this.contexts.get(file);
  }

  /** The flows of the last pass, once no pass is waiting or running. */
  async lintedFlows(): Promise<readonly PassFlow[]> {
    await this.scheduler.whenIdle();
    return this.flows;
  }

  stop(): void {
    this.scheduler.stop();
  }

  private started(): boolean {
    return this.begun && !this.scheduler.isStopped && this.options.roots.all().length > 0;
  }

  private async pass(): Promise<void> {
    const { roots, projects, log } = this.options;
    if (roots.all().length === 0) return;
    const started = Date.now();
    const progress = await this.progress().catch(() => SILENT);
    progress.begin('FlowGuard: linting workspace');
    let outcome = 'stopped';
    try {
      const units = await findUnits(roots.all(), (folder) => roots.cwdFor(folder), (m) => log.error(m));
      const result = await runPass({
        units,
        project: (unit) => projects.get(unit.folder, unit.cwd),
        progress,
        diagnostics: this.options.diagnostics,
        log,
        stopped: () => this.scheduler.isStopped,
      });
      if (!result) return;
      this.flows = result.flows;
      this.contexts = result.contexts;
      this.crossFlow.replace(result.crossFlow);
      // Published before the progress ends, so a client that waits for the end sees them.
      this.options.store.setWorkspace(result.diagnostics);
      outcome = summary(result.counts);
      log.info(`Linted the workspace in ${Date.now() - started} ms: ${outcome}.`);
    } catch (error) {
      outcome = 'failed; see the FlowGuard output';
      throw error;
    } finally {
      progress.end(outcome);
    }
    await this.options.passed();
    this.linted();
  }
}
