import * as path from 'node:path';
import { FileChangeType, type ClientCapabilities, type Diagnostic, type FileEvent, type PublishDiagnosticsParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { displayPath } from '../core/artifacts/paths';
import { CONFIG_FILE } from '../core/config/find';
import type { Config } from '../core/config/types';
import type { Flow } from '../core/model/types';
import type { DlpPolicy } from '../core/policy/types';
import { flowConnectorsView } from '../core/protocol/connectors-view';
import type { WorkspaceIndex } from '../core/analysis/workspace-index';
import { contextKey } from '../core/workspace/flow-context';
import type { FlowOutline } from '../core/analysis/flow-outline';
import { flowOutline } from '../core/analysis/flow-outline';
import { AnalysisStats, type StatsResult } from './analysis-stats';
import { indexOptions, withAbsoluteChildFiles } from './cross-flow';
import { lintSavedFlow } from './lint-saved-flow';
import { Debouncer } from './debounce';
import { fileProblemDiagnostic } from './diagnostics';
import { DocumentFlows } from './document-flows';
import { settle, type Log } from './guard';
import { checkConfigDocument, lintFlowDocument } from './lint-document';
import type { Logger } from './logger';
import type { PassWorkerHost } from './pass-host';
import { fileOfDisplayPath, pathOfUri, uriOfPath } from './paths';
import type { Progress } from './progress';
import { Projects, type FileChange } from './projects';
import { DiagnosticStore } from './store';
import { WorkspaceLinter } from './workspace-linter';
import type { PassFlow } from './workspace-pass';
import type { WorkspaceRoots } from './workspace-roots';

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
const LINT_DELAY_MS = 200;
/** A debouncer key no document URI can take: the re-lint of every open document. */
const ALL = '*';
/** Another such key: linting again the flows whose child flows or callers changed. */
const RELATED = '*related';

const CHANGE: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export interface SessionOptions {
  documents: TextDocuments<TextDocument>;
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  log: Logger;
  roots: WorkspaceRoots;
  /** The client accepts relatedInformation. */
  related: boolean;
  /** What the client can do: watch files, show progress. */
  client?: ClientCapabilities;
  /** Where workspace passes run: a worker thread, so the editor is answered while one runs. */
  passes: PassWorkerHost;
}

/** An open document that is a cloud flow, with what hover and the connectors view need. */
export interface DocumentFlow {
  flow: Flow;
  file: string;
  /** The policies that apply to it under its project. */
  policies: readonly DlpPolicy[];
  /** Its project's flowguard.json, for linting it again (code actions). */
  config: Config;
  /** The cwd its display paths are relative to. */
  cwd: string;
  /** The flows it runs and that run it, open buffers in place of their files. */
  workspace: WorkspaceIndex;
}

function isJson(document: TextDocument): boolean {
  return document.languageId === 'json' || document.languageId === 'jsonc' || /\.json$/i.test(document.uri);
}

/** Decides when each open document is linted and where the results go; the engine does the linting. */
export class Session {
  private readonly debouncer = new Debouncer(LINT_DELAY_MS);
  private readonly projects: Projects;
  private readonly store: DiagnosticStore;
  /** Open documents by file, with the exact URI their client used, which diagnostics must repeat. */
  private readonly open = new Map<string, string>();
  private readonly flows = new Set<string>();
  private readonly logError: Log = (message) => this.options.log.error(message);
  private readonly workspace: WorkspaceLinter;
  private readonly documentFlows = new DocumentFlows();
  /** The solution context each open flow was last linted with, to know which a pass changed. */
  private readonly lintedWith = new Map<string, string>();
  /**
   * What each open flow's last lint of its buffer took from other flows (WorkspaceIndex.fingerprint),
   * by URI. A pass lints the saved file and records its fingerprint for the unit: that says nothing
   * of the buffer, whose findings still hold what the other flows were when it was linted.
   */
  private readonly bufferFingerprints = new Map<string, string>();
  /** Flow files whose buffer changed, opened or closed since related flows were last checked. */
  private readonly changedFiles = new Set<string>();
  /** The outline of each of those as related flows last saw it: links it had then count too (flow-graph.ts). */
  private readonly seenOutlines = new Map<string, FlowOutline>();
  private readonly stats = new AnalysisStats();

  constructor(private readonly options: SessionOptions) {
    this.projects = new Projects(options.log);
    this.store = new DiagnosticStore((file, diagnostics) => options.sendDiagnostics({ uri: this.uriOf(file), diagnostics }));
    this.workspace = new WorkspaceLinter({
      roots: options.roots,
      projects: this.projects,
      store: this.store,
      related: options.related,
      openUris: () => [...this.open],
      passes: options.passes,
      stats: this.stats,
      log: options.log,
      passed: () => this.passed(),
    });
    this.workspace.warm();
  }

  get client(): ClientCapabilities {
    return this.options.client ?? {};
  }

  /** Lints the whole workspace now, and again whenever its files change; `linted` is told after each pass. */
  startWorkspace(progress: () => Promise<Progress>, linted: () => void): void {
    this.workspace.start(progress, linted);
  }

  /** A workspace pass on request, resolving when its results are published. */
  lintWorkspace(): Promise<void> {
    return this.workspace.lintNow();
  }

  opened(document: TextDocument): void {
    const file = pathOfUri(document.uri);
    if (file && isJson(document)) this.open.set(file, document.uri);
  }

  /** The `flowguard.run` setting: lint as the maker types (default) or only when a file is saved. */
  runMode: 'onType' | 'onSave' = 'onType';
  private readonly lintedOnce = new Set<string>();

  changed(document: TextDocument): void {
    if (!isJson(document)) return;
    // Opening a document counts as its first change: it is linted once however the setting reads.
    if (this.runMode === 'onSave' && this.lintedOnce.has(document.uri)) return;
    this.lintedOnce.add(document.uri);
    this.debouncer.schedule(document.uri, () => settle(this.logError, 'linting', () => this.lint(document.uri)));
  }

  closed(document: TextDocument): void {
    this.debouncer.cancel(document.uri);
    this.lintedOnce.delete(document.uri);
    this.flows.delete(document.uri);
    this.lintedWith.delete(document.uri);
    this.bufferFingerprints.delete(document.uri);
    this.documentFlows.forget(document.uri);
    const file = pathOfUri(document.uri);
    if (!file || this.open.get(file) !== document.uri) return;
    this.open.delete(file);
    this.store.clearOwn(file);
    // Flows linted against this buffer go back to its saved file.
    this.changedFiles.add(file);
    this.scheduleRelated();
  }

  /** Clients without file watchers (Neovim) still reload a project when its files are saved here. */
  saved(document: TextDocument): void {
    const file = pathOfUri(document.uri);
    if (!file) return;
    if (this.runMode === 'onSave' && isJson(document)) this.debouncer.schedule(document.uri, () => settle(this.logError, 'linting', () => this.lint(document.uri)));
    if (path.basename(file) === CONFIG_FILE || this.projects.isInput(file)) this.invalidate([{ file, change: 'changed' }]);
    // A client that lets us register a watcher reports the save as a file change too; one pass is enough.
    if (this.client.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) this.workspace.changed([{ file, change: 'changed' }]);
  }

  filesChanged(changes: readonly FileEvent[]): void {
    const files = changes.flatMap((c) => {
      const file = pathOfUri(c.uri);
      return file ? [{ file, change: (Object.hasOwn(CHANGE, c.type) ? CHANGE[c.type] : undefined) ?? 'changed' }] : [];
    });
    this.invalidate(files);
    this.workspace.changed(files);
  }

  shutdown(): void {
    this.debouncer.cancelAll();
    this.workspace.stop();
  }

  /** The flow in an open document, as it is now; undefined when it is none or does not parse. */
  async documentFlow(uri: string): Promise<DocumentFlow | undefined> {
    const document = this.options.documents.get(uri);
    const file = pathOfUri(uri);
    if (!document || !file) return undefined;
    const cwd = this.options.roots.cwdFor(file);
    if (!this.documentFlows.get(document, displayPath(file, cwd), this.workspace.contextOf(file))) return undefined;
    const { project } = await this.projects.get(file, cwd);
    // Read again once the project is there: the buffer may have been edited meanwhile, and the
    // flow of its last version then taken over by the new one (document-flows.ts, isSuperseded).
    const current = this.options.documents.get(uri);
    const flow = current && this.documentFlows.get(current, displayPath(file, cwd), this.workspace.contextOf(file));
    if (!flow) return undefined;
    return { flow, file, policies: project.applicable, config: project.config, cwd, workspace: this.indexFor(file, flow) };
  }

  /**
   * The connectors of one file's flows, or of every flow in the workspace: what the last pass
   * found on disk, with each open flow document's buffer in place of its saved file.
   */
  async connectorFlows(uri?: string): Promise<PassFlow[]> {
    const saved = await this.workspace.lintedFlows();
    const live = new Map<string, PassFlow>();
    for (const openUri of uri === undefined ? this.flows : [uri]) {
      const open = await this.documentFlow(openUri);
      if (open) live.set(open.file, { file: open.file, view: withAbsoluteChildFiles(flowConnectorsView(open.flow, open.policies, open.workspace), open.cwd) });
    }
    const wanted = uri === undefined ? undefined : pathOfUri(uri);
    const fromDisk = saved.filter((f) => !live.has(f.file) && (wanted === undefined || f.file === wanted));
    return [...fromDisk, ...live.values()];
  }

  /** The URI diagnostics and locations use for a file: an open document keeps its client's. */
  uriOf(file: string): string {
    return this.open.get(file) ?? uriOfPath(file);
  }

  /**
   * What the server analysed (flowguard/stats), once nothing is waiting: no lint or re-lint of
   * related flows pending or running, no pass waiting or running.
   */
  async analyses(reset: boolean): Promise<StatsResult> {
    await this.quiet();
    return this.stats.read(reset);
  }

  /** Resolves once no lint, re-lint or pass is waiting or running: each may schedule another. */
  private async quiet(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      await this.workspace.idle();
      await this.debouncer.idle();
      if (this.workspace.isIdle() && this.debouncer.isIdle()) return;
    }
  }

  private invalidate(changes: { file: string; change: FileChange }[]): void {
    let dropped = false;
    for (const { file, change } of changes) {
      dropped = this.projects.invalidate(file, change) || dropped;
      this.workspace.invalidate(file, change);
    }
    if (!dropped) return;
    this.debouncer.schedule(ALL, () => settle(this.logError, 're-linting', () => this.relintAll()));
    this.workspace.rescan();
  }

  /** After a pass, open flows whose solution context it changed are linted again. */
  private async passed(): Promise<void> {
    this.refreshProjectDiagnostics();
    // The pass linted saved files against saved files; open buffers may say otherwise.
    for (const uri of this.flows) {
      const file = pathOfUri(uri);
      if (file) this.changedFiles.add(file);
    }
    this.scheduleRelated();
    const stale = [...this.flows].filter((uri) => {
      const file = pathOfUri(uri);
      return file !== undefined && contextKey(this.workspace.contextOf(file)) !== this.lintedWith.get(uri);
    });
    await Promise.all(stale.map((uri) => settle(this.logError, `linting ${uri}`, () => this.lint(uri))));
  }

  private async relintAll(): Promise<void> {
    const uris = this.options.documents.keys();
    for (const uri of uris) this.debouncer.cancel(uri);
    await Promise.all(uris.map((uri) => settle(this.logError, `linting ${uri}`, () => this.lint(uri))));
    // With no open document left to reload them, the errors of dropped projects still go away.
    this.refreshProjectDiagnostics();
  }

  private async lint(uri: string): Promise<void> {
    const document = this.options.documents.get(uri);
    const file = pathOfUri(uri);
    if (!document || !file || !isJson(document)) return;
    const version = document.version;
    const text = document.getText();
    const cwd = this.options.roots.cwdFor(file);

    let diagnostics: Diagnostic[];
    if (path.basename(file) === CONFIG_FILE) {
      diagnostics = checkConfigDocument(file, text, cwd);
      // Loading it too shows what the buffer alone cannot: a policy file that is missing or broken.
      await this.projects.get(file, cwd);
    } else {
      const context = this.workspace.contextOf(file);
      this.lintedWith.set(uri, contextKey(context));
      const wasFlow = this.flows.has(uri);
      const result = await lintFlowDocument({
        file,
        text,
        parsed: this.documentFlows.parse(document, displayPath(file, cwd), context),
        cwd,
        wasFlow,
        project: () => this.projects.get(file, cwd),
        diagnostics: { related: this.options.related, uriOf: (f) => this.uriOf(f) },
        log: this.options.log,
        workspace: (flow) => this.indexFor(file, flow),
      });
      if (result.isFlow) this.flows.add(uri);
      else this.flows.delete(uri);
      if (result.analysed) this.stats.analysed(file, 'buffer');
      diagnostics = result.diagnostics;
      if (result.crossFlow && this.options.documents.get(uri)?.version === version) {
        this.workspace.crossFlow.unitOf(file)?.linted.set(result.crossFlow.key, result.crossFlow.fingerprint);
        this.bufferFingerprints.set(uri, result.crossFlow.fingerprint);
      }
      // What this buffer passes to its child flows, or returns to its callers, may have changed.
      if (result.isFlow || wasFlow) {
        this.changedFiles.add(file);
        this.scheduleRelated();
      }
    }
    this.refreshProjectDiagnostics();
    // Edited or closed while the project loaded: these results describe text that is gone.
    if (this.options.documents.get(uri)?.version !== version) return;
    // Other JSON (environment variable values, deployment settings) is linted only as part of its export, on disk.
    this.store.setOwn(file, diagnostics, this.flows.has(uri) || path.basename(file) === CONFIG_FILE);
  }

  /**
   * The index a flow of `file` is linted with: the flows of its unit linked to it, every open
   * flow buffer in place of its file. Only those can change its findings (flow-graph.ts), and a
   * workspace of hundreds of flows would cost their cross-flow facts at every keystroke.
   */
  private indexFor(file: string, flow: Flow): WorkspaceIndex {
    const crossFlow = this.workspace.crossFlow;
    const unit = crossFlow.unitOf(file);
    const open = [flow, ...this.openFlows().filter((f) => f.doc.source.path !== flow.doc.source.path)];
    return crossFlow.index(unit, open, crossFlow.connected(unit, open, [flow.doc.source.path]));
  }

  /** The flow of every open flow document, as its buffer reads now. */
  private openFlows(): Flow[] {
    const out: Flow[] = [];
    for (const uri of this.flows) {
      const document = this.options.documents.get(uri);
      const file = pathOfUri(uri);
      if (!document || !file) continue;
      const flow = this.documentFlows.get(document, displayPath(file, this.options.roots.cwdFor(file)), this.workspace.contextOf(file));
      if (flow) out.push(flow);
    }
    return out;
  }

  private scheduleRelated(): void {
    this.debouncer.schedule(RELATED, () => settle(this.logError, 're-linting related flows', () => this.relintRelated()));
  }

  /**
   * Lints again every flow whose findings took something from another flow that has changed
   * since (see WorkspaceIndex.fingerprint): a parent when its child's buffer changes what it
   * returns, a child when its parent's changes what it passes in, each flow of a loop of flows.
   * Open flows are linted from their buffers, others from their saved files. Only the flows linked
   * to a buffer that changed (or opened, or closed) since the last look are looked at again.
   */
  private async relintRelated(): Promise<void> {
    // A flow buffer edited again is linted soon, which looks at its related flows after: reading
    // it now would parse a version on its way out, while the maker waits for that lint.
    if ([...this.flows].some((uri) => this.debouncer.has(uri))) return;
    const changed = [...this.changedFiles];
    this.changedFiles.clear();
    if (changed.length === 0) return;
    const open = this.openFlows();
    const openUris = new Map([...this.flows].flatMap((uri) => {
      const file = pathOfUri(uri);
      return file ? [[file, uri] as const] : [];
    }));
    const crossFlow = this.workspace.crossFlow;
    for (const unit of crossFlow.all()) {
      const files = changed.filter((file) => crossFlow.unitOf(file) === unit);
      if (files.length === 0) continue;
      const keys = files.map((file) => displayPath(file, unit.cwd));
      // The links the changed flows had when last looked at count too: a call just removed still reaches its child.
      const before = files.flatMap((file, i) => [crossFlow.keptOutline(unit, keys[i] as string), this.seenOutlines.get(file)].filter((o): o is FlowOutline => o !== undefined));
      const loaded = await this.projects.get(unit.folder, unit.cwd);
      const options = indexOptions(loaded.project);
      const index = crossFlow.index(unit, open, crossFlow.connected(unit, open, keys, before));
      for (const [i, file] of files.entries()) {
        const live = open.find((f) => f.doc.source.path === keys[i]);
        if (live) this.seenOutlines.set(file, flowOutline(live));
        else this.seenOutlines.delete(file);
      }
      const stale = index.keys().filter((key) => {
        // An open flow against what its buffer's lint took; a saved one against its last lint, the pass's or this one's.
        const uri = openUris.get(fileOfDisplayPath(key, unit.cwd).file);
        return index.fingerprint(key, options) !== (uri ? this.bufferFingerprints.get(uri) : unit.linted.get(key));
      });
      for (const key of stale) {
        const { file, inArchive } = fileOfDisplayPath(key, unit.cwd);
        const uri = openUris.get(file);
        if (uri) {
          await settle(this.logError, `linting ${uri}`, () => this.lint(uri));
          continue;
        }
        // A flow in a zip has no buffer to change and no file of its own: the next pass covers it.
        unit.linted.set(key, index.fingerprint(key, options));
        if (inArchive) continue;
        const diagnostics = await lintSavedFlow({
          file,
          key,
          context: this.workspace.contextOf(file),
          workspace: index,
          project: loaded.project,
          diagnostics: { related: this.options.related, uriOf: (f) => this.uriOf(f), cwd: unit.cwd },
          log: this.options.log,
        });
        if (diagnostics) {
          this.stats.analysed(file, 'saved');
          this.store.setWorkspaceFile(file, diagnostics);
        }
      }
    }
  }

  private refreshProjectDiagnostics(): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const [file, errors] of this.projects.errors()) byFile.set(file, errors.map((e) => fileProblemDiagnostic(e, 'config-error')));
    this.store.setProject(byFile);
  }

}
