import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { flowOutline } from '../core/analysis/flow-outline';
import { flowTransfers, type FlowTransfers } from '../core/analysis/flow-transfers';
import { WorkspaceIndex, type IndexOptions, type KeptFlow } from '../core/analysis/workspace-index';
import { pushAll } from '../core/arrays';
import { parseJson } from '../core/artifacts/json';
import { createSourceFile, type SourceFile } from '../core/artifacts/source';
import { FlowQueue } from '../core/engine/flow-queue';
import type { FlowSource } from '../core/engine/flow-source';
import { lintWorkspace } from '../core/engine/lint-workspace';
import { compareFindings } from '../core/engine/sort';
import type { Finding, Unreadable } from '../core/findings';
import { forgetFlow } from '../core/model/per-flow';
import type { CustomConnector, Flow, Solution } from '../core/model/types';
import { ignoreMatcher } from '../core/project/glob';
import { flowConnectorsView, type FlowConnectorsView } from '../core/protocol/connectors-view';
import { Workspace } from '../core/workspace/collector';
import { contextOf, rebuildFlow, type FlowContext } from '../core/workspace/flow-context';
import { loadPaths } from '../core/workspace/load-paths';
import { allRules } from '../rules';
import { indexOptions, keepUnit, withAbsoluteChildFiles, type KeptUnit } from './cross-flow';
import type { DiagnosticOptions } from './diagnostics';
import type { Logger } from './logger';
import { fileOfDisplayPath, isInsideFolder } from './paths';
import type { Progress } from './progress';
import type { LoadedProject } from './projects';
import { FileDiagnostics } from './workspace-diagnostics';
import { MAX_WORKSPACE_FILES, type LintUnit } from './workspace-units';

export interface PassInput {
  units: readonly LintUnit[];
  project(unit: LintUnit): Promise<LoadedProject>;
  progress: Progress;
  diagnostics: Omit<DiagnosticOptions, 'cwd'>;
  log: Logger;
  /** Checked between pieces of work: the server is shutting down. */
  stopped(): boolean;
  /**
   * Leave the transfers of flows no other flow is linked to for PassResult.completeTransfers:
   * nothing in the pass's findings or diagnostics takes from them, only the lint of a buffer
   * edited afterwards to link to one of them. Measured on ../shared/corpus: computing every
   * flow's kept transfers as it was linted cost 47 ms of a worker pass of 850; the linked flows'
   * are now the queue's (see `computed`), and the 84 flows that run child flows or start with a
   * Request trigger but are linked to none take 16 to 23 ms, after the result is sent.
   */
  deferTransfers?: boolean;
  /**
   * Given the diagnostics of flow files as soon as their flows are linted, before the pass ends:
   * each file's whole list, as the result's `diagnostics` has it then (see PassResult.streamed).
   */
  stream?(diagnostics: [file: string, diagnostics: Diagnostic[]][]): void;
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
  /** Files whose diagnostics PassInput.stream gave, as they are in `diagnostics`. */
  streamed: Set<string>;
  /**
   * Fills in the transfers left for later (PassInput.deferTransfers) in `crossFlow`, building
   * those flows again from their text; `crossFlow` is whole once it has run. Runs once.
   */
  completeTransfers(): void;
}

interface LaterTransfers {
  /** The entry the unit's index was built of; its KeptUnit holds a copy with the same outline. */
  entry: KeptFlow;
  unit?: KeptUnit;
  source: SourceFile;
  context: FlowContext;
  options: IndexOptions;
}

const NO_TRANSFERS: FlowTransfers = { sources: [], transfers: [] };

function completeTransfers(later: LaterTransfers[]): void {
  for (const { entry, unit, source, context, options } of later.splice(0)) {
    // What the unit keeps of the flow (keepUnit): the first flow of its display path.
    const kept = unit?.flows.find((f) => f.outline === entry.outline);
    if (!kept) continue;
    // The flow as the pass linted it: the same text in the context its lint was built with.
    const flow = rebuildFlow(parseJson(createSourceFile(source.path, source.text, source.hadBom)), context);
    if (!flow) continue;
    kept.transfers = flowTransfers(flow, options);
    forgetFlow(flow);
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Thrown out of a lint a newer pass superseded. */
const STOPPED = Symbol('stopped');
/**
 * The flows linted between two hand-overs of diagnostics (PassInput.stream): the main thread
 * publishes a slice's files while the worker lints the next, so that little is left to publish
 * once the last flow is linted. Measured on ../shared/corpus (369 flows, 257 files with
 * diagnostics): the first files are published 0.7 s after initialize rather than with all the
 * others at the end (1.1 s), and 20 files (zips, solution files) are left for the end.
 */
const SLICE_FLOWS = 32;

const noFlow = (): never => {
  throw new Error('a source of no flow was asked for one');
};

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
// The copy leaves out the connector's parsed files (its OpenAPI definition, connection parameters,
// policy templates, custom code): only the solution rules' secret scan reads them, and those run
// in the pass, never on a buffer; a flow linted, hovered or shown in the connectors view reads the
// summary (host, schemes, auth types, files). Measured on ../shared/corpus (34 connectors): the
// parse trees were nine tenths of the packed contexts, 30 of the 35 ms packing them took.
function detachConnector(connector: CustomConnector, copies: Copies): CustomConnector {
  let copy = copies.connectors.get(connector);
  if (!copy) {
    copy = { ...connector, solution: undefined, definition: undefined, jsonFiles: [], customCode: undefined };
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
    streamed: new Set(),
    completeTransfers: () => completeTransfers(this.later),
  };
  private readonly later: LaterTransfers[] = [];
  private readonly notices = new Set<string>();
  private readonly copies: Copies = { solutions: new Map(), connectors: new Map(), lists: new Map() };
  private done = 0;

  constructor(private readonly input: PassInput, private readonly total: number) {}

  step(label: string): void {
    this.input.progress.report((100 * this.done++) / this.total, label);
  }

  async unit(unit: LintUnit): Promise<boolean> {
    const loaded = await this.input.project(unit);
    const options = indexOptions(loaded.project);
    // As the CLI does (core/engine/flow-queue.ts): each flow is handed on as soon as it is built,
    // built again to be linted, and let go once linted, rather than every parse tree held until
    // the pass ends. Measured on ../shared/corpus (median of 7 cold runs of the worker's pass
    // alone): 1173 ms held, 1050 ms let go; CPU 2037 -> 1860 ms. Holding the flows the queue
    // builds ahead for their transfers (215 of 369 there) until their lint, rather than building
    // them again, was slower still: 1317 against 1140 ms, the collector paying for the trees.
    const queue = new FlowQueue();
    const ws = await loadPaths([unit.folder], {
      cwd: unit.cwd,
      ignore: unitIgnore(unit, loaded),
      maxFiles: MAX_WORKSPACE_FILES,
      // Blocking reads: the pass runs in its own worker thread (pass-worker.ts), which has nothing
      // else to do meanwhile, and they cost less CPU per file than promises (CLI-measured).
      sync: true,
      flowSink: queue.add,
      // The folder itself shows as '.', its display path from the workspace folder.
      onProgress: (label) => this.step(label === '.' ? path.basename(unit.folder) : label),
    });
    await nextTurn();
    if (this.input.stopped()) return false;
    const source = queue.source(ws.customConnectors, options);
    // The transfers the queue computed ahead, for the flows data crosses between: kept as they
    // are, rather than computed again from each flow while it is linted (the index then holds
    // the flow, not what was kept of it).
    const computed = new Map(source.index.keys().map((key) => [key, source.index.transfers(key, options)] as const));
    // What the unit keeps of each flow for linting one against the others, taken while it is built for its lint.
    const kept: KeptFlow[] = [];
    const diagnosticOptions = { ...this.input.diagnostics, cwd: unit.cwd };
    const findings: Finding[] = [];
    const ruleErrors: Unreadable[] = [];
    try {
      for (let from = 0; from < source.count; from += SLICE_FLOWS) {
        const slice = this.slice(source, from, Math.min(source.count, from + SLICE_FLOWS), unit, loaded, options, kept, computed);
        // The flows alone: the unit's own problems, notices, solutions and flowguard.json are linted once, below.
        const linted = lintWorkspace(new Workspace(), loaded.project, allRules, { flows: slice.flows, fixes: false });
        const own = linted.findings.filter((f) => slice.keys.has(f.file));
        const errors = linted.unreadable.filter((u) => slice.keys.has(u.file));
        pushAll(findings, own);
        pushAll(ruleErrors, errors);
        for (const notice of linted.notices) this.notices.add(notice.file ? `${notice.file}: ${notice.message}` : notice.message);
        this.stream(own, errors, diagnosticOptions);
      }
    } catch (error) {
      if (error === STOPPED) return false;
      throw error;
    }
    // The unit's problems, its solutions' and deployment settings' own files and flowguard.json,
    // with no flow: with the slices, what one lintWorkspace of the whole unit gives.
    const rest = lintWorkspace(ws, loaded.project, allRules, { flows: { count: 0, index: source.index, flow: noFlow, linted: () => undefined }, fixes: false });
    for (const notice of rest.notices) this.notices.add(notice.file ? `${notice.file}: ${notice.message}` : notice.message);
    // lintWorkspace's order: one stable sort of the flows' findings in lint order, then the rest's.
    const all = [...findings, ...rest.findings].sort(compareFindings);
    const diagnostics = new FileDiagnostics(diagnosticOptions);
    diagnostics.findings(all);
    // lintWorkspace lists the loader's problems first, then rules that threw.
    diagnostics.problems(rest.unreadable.slice(0, ws.unreadable.length), 'parse-error');
    diagnostics.problems([...ruleErrors, ...rest.unreadable.slice(ws.unreadable.length)], 'internal-error');
    this.count(all.map((f) => f.severity), ruleErrors.length + rest.unreadable.length);
    // A streamed file the rest adds to is sent again whole.
    for (const place of [...rest.findings, ...rest.unreadable]) this.unstream(fileOfDisplayPath(place.file, unit.cwd).file);
    // The whole unit's flows, each flow's transfers and all, as one index: the cross-flow facts each flow's findings were computed with.
    const index = new WorkspaceIndex(kept.map((k) => ({ kept: k })));
    const keptUnit = keepUnit({ folder: unit.folder, cwd: unit.cwd, exclude: unit.exclude }, index, options);
    this.result.crossFlow.push(keptUnit);
    for (const later of this.later) later.unit ??= keptUnit;
    this.result.counts.files += ws.files;
    for (const [file, list] of diagnostics.byFile) {
      const before = this.result.diagnostics.get(file);
      if (before) this.unstream(file);
      this.result.diagnostics.set(file, before ? [...before, ...list] : list);
    }
    return true;
  }

  /** Flows [from, to) of the unit's source, as a source of their own, with the display paths they hold. */
  private slice(source: FlowSource, from: number, to: number, unit: LintUnit, loaded: LoadedProject, options: IndexOptions, kept: KeptFlow[], computed: ReadonlyMap<string, FlowTransfers>): { flows: FlowSource; keys: Set<string> } {
    const keys = new Set<string>();
    const flows: FlowSource = {
      count: to - from,
      index: source.index,
      flow: (i) => {
        // The lint runs flow by flow without yielding: a newer pass stops it between two flows.
        if (this.input.stopped()) throw STOPPED;
        return source.flow(from + i);
      },
      linted: (i, flow) => {
        const key = flow.doc.source.path;
        keys.add(key);
        const outline = flowOutline(flow);
        const entry: KeptFlow = { outline, transfers: NO_TRANSFERS };
        kept.push(entry);
        // A flow data cannot cross to or from yet keeps what it would pass on once an edit links
        // it: the pass computes that after its result when asked to (PassInput.deferTransfers).
        // Only a flow that runs a child flow or answers a caller has any (see flow-transfers.ts).
        if (source.index.connected(key)) entry.transfers = computed.get(key) ?? source.index.transfers(key, options);
        else if (!this.input.deferTransfers) entry.transfers = source.index.transfers(key, options);
        else if (outline.calls.length > 0 || outline.trigger?.request) this.later.push({ entry, source: flow.doc.source, context: contextOf(flow), options });
        this.flow(flow, unit.cwd, loaded, source.index);
        source.linted(from + i, flow);
      },
    };
    return { flows, keys };
  }

  /**
   * Hands on at once the diagnostics of the slice's flow files (not the entries of a zip, which
   * share the zip's diagnostics with its other entries and its solution's files): nothing but
   * their own flow's lint reports on them, so these are their final diagnostics, unless the
   * unit's rest reports on them too (unstream).
   */
  private stream(findings: Finding[], errors: Unreadable[], options: DiagnosticOptions): void {
    if (!this.input.stream) return;
    const ownFile = (place: { file: string }): boolean => fileOfDisplayPath(place.file, options.cwd).entry === undefined;
    const own = new FileDiagnostics(options);
    own.findings(findings.filter(ownFile));
    own.problems(errors.filter(ownFile), 'internal-error');
    if (own.byFile.size === 0) return;
    for (const file of own.byFile.keys()) this.result.streamed.add(file);
    this.input.stream([...own.byFile]);
  }

  private unstream(file: string): void {
    this.result.streamed.delete(file);
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
