import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { WorkspaceIndex } from '../core/analysis/workspace-index';
import { lintWorkspace } from '../core/engine/lint-workspace';
import type { CustomConnector, Flow, Solution } from '../core/model/types';
import { ignoreMatcher } from '../core/project/glob';
import { flowConnectorsView, type FlowConnectorsView } from '../core/protocol/connectors-view';
import { contextOf, type FlowContext } from '../core/workspace/flow-context';
import { loadPaths } from '../core/workspace/load-paths';
import { allRules } from '../rules';
import { indexOptions, keepUnit, withAbsoluteChildFiles, type KeptUnit } from './cross-flow';
import type { DiagnosticOptions } from './diagnostics';
import type { Logger } from './logger';
import { fileOfDisplayPath, isInsideFolder } from './paths';
import type { Progress } from './progress';
import type { LoadedProject } from './projects';
import { FileDiagnostics } from './workspace-diagnostics';
import { workspaceParts } from './workspace-parts';
import { MAX_WORKSPACE_FILES, type LintUnit } from './workspace-units';

export interface PassInput {
  units: readonly LintUnit[];
  project(unit: LintUnit): Promise<LoadedProject>;
  progress: Progress;
  diagnostics: Omit<DiagnosticOptions, 'cwd'>;
  log: Logger;
  /** Checked between pieces of work: the server is shutting down. */
  stopped(): boolean;
}

/** A flow the pass linted, with where it lives: an absolute file, and the entry when that file is a zip. */
export interface PassFlow {
  file: string;
  entry?: string;
  view: FlowConnectorsView;
}

export interface PassCounts {
  files: number;
  flows: number;
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
}

export interface PassResult {
  /** Every file with something to say, by absolute path. */
  diagnostics: Map<string, Diagnostic[]>;
  flows: PassFlow[];
  /** How each flow file outside a zip was loaded, so its open buffer is linted the same way. */
  contexts: Map<string, FlowContext>;
  counts: PassCounts;
  /** What each unit's flows tell each other (child flows, trigger loops), kept for linting one flow against the rest. */
  crossFlow: KeptUnit[];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Copies made once per pass, so every context shares them and none holds a flow. */
interface Copies {
  solutions: Map<Solution, Solution>;
  connectors: Map<CustomConnector, CustomConnector>;
  lists: Map<readonly CustomConnector[], CustomConnector[]>;
}

function detachSolution(solution: Solution, copies: Copies): Solution {
  let copy = copies.solutions.get(solution);
  if (!copy) {
    copy = { ...solution, flows: [], customConnectors: [] };
    copies.solutions.set(solution, copy);
    copy.customConnectors = solution.customConnectors.map((c) => detachConnector(c, copies));
  }
  return copy;
}

// A connector points back at its solution, which holds the flows: the copy points at the copy.
function detachConnector(connector: CustomConnector, copies: Copies): CustomConnector {
  let copy = copies.connectors.get(connector);
  if (!copy) {
    copy = { ...connector, solution: undefined };
    copies.connectors.set(connector, copy);
    if (connector.solution) copy.solution = detachSolution(connector.solution, copies);
  }
  return copy;
}

/**
 * The pass's flows are dropped once it ends (a large workspace's parse trees run to hundreds of
 * MB); a buffer rebuilt later needs only the solution's own facts and the workspace's custom
 * connectors, so those are kept without them.
 */
function detach(context: FlowContext, copies: Copies): FlowContext {
  const list = context.customConnectors;
  let customConnectors = list ? copies.lists.get(list) : undefined;
  if (list && !customConnectors) {
    customConnectors = list.map((c) => detachConnector(c, copies));
    copies.lists.set(list, customConnectors);
  }
  const solution = context.solution ? detachSolution(context.solution, copies) : undefined;
  return solution ? { solution, names: context.names, customConnectors } : { names: context.names, customConnectors };
}

function unitIgnore(unit: LintUnit, loaded: LoadedProject): (abs: string) => boolean {
  const ignored = ignoreMatcher(loaded.project.config.root, loaded.project.config.ignore);
  return (abs) => unit.exclude.some((e) => abs === e || isInsideFolder(abs, e)) || (ignored?.(abs) ?? false);
}

class Pass {
  readonly result: PassResult = {
    diagnostics: new Map(),
    flows: [],
    contexts: new Map(),
    counts: { files: 0, flows: 0, errors: 0, warnings: 0, infos: 0, unreadable: 0 },
    crossFlow: [],
  };
  private readonly notices = new Set<string>();
  private readonly copies: Copies = { solutions: new Map(), connectors: new Map(), lists: new Map() };
  private done = 0;

  constructor(private readonly input: PassInput, private readonly total: number) {}

  step(label: string): void {
    this.input.progress.report((100 * this.done++) / this.total, label);
  }

  async unit(unit: LintUnit): Promise<boolean> {
    const loaded = await this.input.project(unit);
    const ws = await loadPaths([unit.folder], {
      cwd: unit.cwd,
      ignore: unitIgnore(unit, loaded),
      maxFiles: MAX_WORKSPACE_FILES,
      // The folder itself shows as '.', its display path from the workspace folder.
      onProgress: (label) => this.step(label === '.' ? path.basename(unit.folder) : label),
    });
    const diagnostics = new FileDiagnostics({ ...this.input.diagnostics, cwd: unit.cwd });
    // One index of the whole unit, so a flow in one part follows its child flows in another.
    const index = WorkspaceIndex.ofFlows(ws.flows);
    for (const part of workspaceParts(ws)) {
      await nextTurn();
      if (this.input.stopped()) return false;
      const linted = lintWorkspace(part, loaded.project, allRules, { workspace: index });
      diagnostics.findings(linted.findings);
      // lintWorkspace lists the loader's problems first, then rules that threw.
      diagnostics.problems(linted.unreadable.slice(0, part.unreadable.length), 'parse-error');
      diagnostics.problems(linted.unreadable.slice(part.unreadable.length), 'internal-error');
      for (const notice of linted.notices) this.notices.add(notice.file ? `${notice.file}: ${notice.message}` : notice.message);
      this.count(linted.findings.map((f) => f.severity), linted.unreadable.length);
      for (const flow of part.flows) this.flow(flow, unit.cwd, loaded, index);
    }
    this.result.crossFlow.push(keepUnit({ folder: unit.folder, cwd: unit.cwd, exclude: unit.exclude }, index, indexOptions(loaded.project)));
    this.result.counts.files += ws.files;
    for (const [file, list] of diagnostics.byFile) this.result.diagnostics.set(file, [...(this.result.diagnostics.get(file) ?? []), ...list]);
    return true;
  }

  notes(): string[] {
    return [...this.notices];
  }

  private count(severities: string[], unreadable: number): void {
    const counts = this.result.counts;
    for (const severity of severities) {
      if (severity === 'error') counts.errors++;
      else if (severity === 'warning') counts.warnings++;
      else counts.infos++;
    }
    counts.unreadable += unreadable;
  }

  private flow(flow: Flow, cwd: string, loaded: LoadedProject, index: WorkspaceIndex): void {
    this.result.counts.flows++;
    const { file, entry } = fileOfDisplayPath(flow.doc.source.path, cwd);
    this.result.flows.push({ file, entry, view: withAbsoluteChildFiles(flowConnectorsView(flow, loaded.project.applicable, index), cwd) });
    if (entry === undefined) this.result.contexts.set(file, detach(contextOf(flow), this.copies));
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What a pass found, for the end of its progress and the log: '9 flows in 24 files: 11 errors, ...'. */
export function summary(counts: PassCounts): string {
  const problems = counts.unreadable > 0 ? `, ${counts.unreadable} unreadable` : '';
  return `${count(counts.flows, 'flow')} in ${count(counts.files, 'file')}: ${count(counts.errors, 'error')}, ${count(counts.warnings, 'warning')}, ${count(counts.infos, 'info')}${problems}`;
}

/**
 * Lints every unit as `flowguard <folder>` would, collecting diagnostics for every file and the
 * connectors of every flow, reporting each folder and archive as it starts on `progress` (which
 * the caller begins and ends). Undefined when stopped before the end.
 */
export async function runPass(input: PassInput): Promise<PassResult | undefined> {
  const total = input.units.reduce((sum, unit) => sum + 1 + unit.archives, 0);
  const pass = new Pass(input, total);
  for (const unit of input.units) {
    if (!(await pass.unit(unit))) return undefined;
  }
  for (const note of pass.notes()) input.log.info(note);
  return pass.result;
}
