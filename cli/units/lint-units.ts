import { createHash, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { WorkspaceIndex, type KeptFlow } from '../../core/analysis/workspace-index';
import type { LintResult } from '../../core/engine/result';
import { ignoreMatcher } from '../../core/project/glob';
import type { Project } from '../../core/project/load';
import type { CliOptions } from '../args';
import type { CacheEntry } from '../cache/entry';
import { hashUnits } from '../cache/hash';
import { hashingSession } from '../cache/session';
import { cacheKey } from '../cache/key';
import type { StoredReport } from '../cache/report-head';
import { reportRunKey } from '../cache/report-key';
import { cacheDisplay, cacheLocation, keepReport, readCache, readReportAhead, storedReport, writeCache, type CacheLocation } from '../cache/store';
import type { CliIO } from '../io';
import { autoThreads, MIN_CORES } from '../threads/share';
import { WorkerHost, type WorkerSetup } from '../threads/worker';
import { assemble } from './assemble';
import { reusableFlows } from './flow-reuse';
import { LocalHost, type UnitHost } from './host';
import { planUnits, type Unit } from './plan';
import { indexOptions, UnitRunner } from './runner';
import { Schedule } from './schedule';
import type { FlowOutcome, IndexEntry, UnitOutcome } from './types';

/** As many files as a load of the paths reads at most (cli/project.ts). */
const MAX_FILES = 200_000;

export interface UnitsRun {
  result: LintResult;
  /** Display paths of what the loads found that counts as an export, for the unmatched-PATH check. */
  exportFiles: string[];
  /** With --cache and report settings: keeps the report rendered from `result` with the cache (store.ts keepReport), or notes why not. */
  keepReport?: (report: StoredReport) => Promise<void>;
}

/** An unchanged rerun with the same report settings: the report the cache keeps, to print as it is. */
export interface ReportReprint {
  stored: StoredReport;
}

/** Whether --threads and --cache apply: to a lint of PATHs that only reports (not --fix, --fix-dry-run, --stdin or --hook). */
export function unitsApply(options: CliOptions): boolean {
  return !options.fix && !options.fixDryRun && !options.stdin && !options.hook;
}

interface OpenCache {
  location: CacheLocation;
  key: string;
  entries: Map<string, CacheEntry>;
  hashes: (string | undefined)[];
  /** The key a report of this run is kept under (report-key.ts), when the caller renders one and every unit hashed. */
  reportKey?: string;
}

interface Run {
  project: Project;
  options: CliOptions;
  io: CliIO;
  units: Unit[];
  cache?: OpenCache;
}

function sha(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

// FLOWGUARD_TRACE_UNITS=1 says on standard error how a run was split and what the cache gave.
const began = Date.now();
function trace(io: CliIO, text: string): void {
  if (process.env.FLOWGUARD_TRACE_UNITS === '1') io.stderr(`flowguard: trace: ${Date.now() - began} ms: ${text}\n`);
}

async function openCache(location: CacheLocation, project: Project, options: CliOptions, io: CliIO, units: readonly Unit[], settings: string | undefined): Promise<OpenCache | ReportReprint> {
  // The kept report is read meanwhile, in the background: an unchanged rerun prints it.
  if (settings !== undefined) readReportAhead(location);
  const [key, hashes] = await Promise.all([cacheKey(project, { rules: options.rules, environment: options.environment, noSuppressions: options.noSuppressions }, io.cwd), hashUnits(units, io.cwd)]);
  const reportKey = settings === undefined ? undefined : reportRunKey(settings, units, hashes);
  // Nothing changed since a run with the same settings: its report, without decoding the entries.
  const stored = reportKey === undefined ? undefined : await storedReport(location, key, reportKey);
  if (stored) return { stored };
  const read = await readCache(location, key);
  if ('problem' in read && read.problem) io.stderr(`flowguard: note: ignored the cache ${cacheDisplay(location, io.cwd)}: ${read.problem}; this run lints every file.\n`);
  return { location, key, hashes, entries: new Map(('entries' in read ? read.entries : []).map((e) => [e.id, e])), ...(reportKey === undefined ? {} : { reportKey }) };
}

/** The run's custom connectors, unit by unit in load order, and a key for them: flows link to any of them. */
function connectorContext(run: Run, counts: (unit: number) => number): { key: string; order: { unit: number; count: number }[] } {
  const order = run.units.flatMap((_, unit) => {
    const count = counts(unit);
    return count > 0 ? [{ unit, count }] : [];
  });
  return { order, key: sha(order.map((o) => [run.units[o.unit]!.id, run.cache?.hashes[o.unit] ?? null, o.count])) };
}

function keptIndex(kept: readonly KeptFlow[]): WorkspaceIndex {
  return new WorkspaceIndex(kept.map((k) => ({ kept: k })));
}

function finish(run: Run, outcomes: readonly UnitOutcome[]): UnitsRun {
  const workspace = keptIndex(outcomes.flatMap((o) => o.flows.map((f) => f.kept)));
  const result = assemble(outcomes, run.project, { overrides: run.options.rules, ignoreSuppressions: run.options.noSuppressions, workspace });
  const exportFiles = outcomes.flatMap((o) => [...o.flows.map((f) => f.key), ...o.solutions.map((s) => s.path), ...o.unreadable.map((u) => u.file)]);
  const cache = run.cache;
  const reportKey = cache?.reportKey;
  if (!cache || reportKey === undefined) return { result, exportFiles };
  const keep = async (report: StoredReport): Promise<void> => {
    const problem = await keepReport(cache.location, reportKey, report, run.io.cwd);
    if (problem) run.io.stderr(`flowguard: note: did not write the cache ${cacheDisplay(cache.location, run.io.cwd)}: ${problem}.\n`);
  };
  return { result, exportFiles, keepReport: keep };
}

/**
 * Every flow of the run in load order, the first of each display path only (as the index keeps
 * it): from the cache for a unit it gives, else the job that lints it.
 */
function runIndex(run: Run, valid: ReadonlyMap<number, CacheEntry>, schedule: Schedule): IndexEntry[] {
  const index: IndexEntry[] = [];
  const seen = new Set<string>();
  const add = (key: string, entry: IndexEntry): void => {
    if (seen.has(key)) return;
    seen.add(key);
    index.push(entry);
  };
  run.units.forEach((_, unit) => {
    const entry = valid.get(unit);
    if (entry) for (const f of entry.outcome.flows) add(f.key, { kept: f.kept });
    else for (const ref of schedule.flowRefs(unit)) add(ref.key, { job: ref.job, local: ref.local });
  });
  return index;
}

/** The cached entries that are for the unit as its files are now. */
function reusable(run: Run): Map<number, CacheEntry> {
  const valid = new Map<number, CacheEntry>();
  const cache = run.cache;
  if (!cache) return valid;
  run.units.forEach((unit, i) => {
    const entry = cache.entries.get(unit.id);
    const hash = cache.hashes[i];
    if (entry && hash !== undefined && entry.hash === hash) valid.set(i, entry);
  });
  return valid;
}

/**
 * The cached outcomes of the flows whose files did not change, in every unit the cache has an
 * entry for (cli/units/flow-reuse.ts), by unit. Their outlines hold whatever else changed; their
 * transfers and findings only under the same custom connectors (sameContext), and the findings
 * only while the flow's fingerprint is the same (UnitRunner.lint checks).
 */
function unchangedFlows(run: Run): Map<number, { context: string; flows: FlowOutcome[] }> {
  const reusable = new Map<number, { context: string; flows: FlowOutcome[] }>();
  const cache = run.cache;
  if (!cache) return reusable;
  const session = hashingSession(run.io.cwd);
  run.units.forEach((unit, i) => {
    const entry = cache.entries.get(unit.id);
    const flows = entry && reusableFlows(unit, entry, session);
    if (entry && flows) reusable.set(i, { context: entry.context, flows });
  });
  return reusable;
}

/** The flows of `unchanged` whose entries were made under the run's custom connectors (`context`). */
function sameContext(unchanged: ReadonlyMap<number, { context: string; flows: FlowOutcome[] }>, context: string): Map<number, FlowOutcome[]> {
  const same = new Map<number, FlowOutcome[]>();
  for (const [unit, entry] of unchanged) if (entry.context === context) same.set(unit, entry.flows);
  return same;
}

/**
 * Loads and lints what the cache cannot give, then puts the report together. A cached unit is
 * reused when its files are unchanged and, if the run's other units changed, when the custom
 * connectors of the run and what its flows take from other flows (WorkspaceIndex.fingerprint) are
 * what they were: a child flow edited elsewhere makes its parent be linted again. With `reuse`,
 * a unit linted again keeps what still holds of its flows' outcomes (unchangedFlows); a run
 * tried again without the cache's entries (they did not add up) keeps none.
 */
async function lintRun(run: Run, valid: Map<number, CacheEntry>, reuse = true): Promise<UnitsRun> {
  const { project, options, io, units } = run;
  // A unit that could not be hashed may have changed: no later run can then take this one's context as its own.
  const volatile = run.cache?.hashes.some((h) => h === undefined) ? randomUUID() : '';
  const signature = sha([volatile, units.map((u, i) => [u.id, run.cache?.hashes[i] ?? null])]);
  if (valid.size === units.length && [...valid.values()].every((e) => e.signature === signature)) {
    trace(io, `cache: all ${units.length} units reused`);
    return finish(run, units.map((_, i) => valid.get(i)!.outcome));
  }
  const runner = new UnitRunner(project, { cwd: io.cwd, ignore: ignoreMatcher(project.config.root, project.config.ignore), overrides: options.rules, ignoreSuppressions: options.noSuppressions });
  const local = new LocalHost(runner);
  const pending = units.map((_, i) => i).filter((i) => !valid.has(i));
  // Threads for what is left to lint: a rerun with one flow changed needs none.
  const threads = options.threads ?? autoThreads(pending.map((i) => units[i]!));
  const projectArgs = { paths: options.paths, policies: options.policies, config: options.config, environment: options.environment, rules: options.rules };
  const setup: WorkerSetup = { cwd: io.cwd, project: projectArgs, overrides: options.rules, ignoreSuppressions: options.noSuppressions };
  // The main thread is one of the threads: it lints a share too.
  const workers: UnitHost[] = threads > 1 && pending.length > 0 ? Array.from({ length: threads - 1 }, () => new WorkerHost(setup)) : [];
  try {
    const schedule = new Schedule(units, workers, local);
    // A solution whose flow files only changed: its other flows are loaded with their cached outlines, not built.
    const unchanged = reuse ? unchangedFlows(run) : new Map<number, { context: string; flows: FlowOutcome[] }>();
    schedule.know(unchanged);
    trace(io, `${units.length} units, ${pending.length} to lint, ${workers.length + 1} thread(s)`);
    await schedule.load(pending, true);
    trace(io, `loaded: ${schedule.describe()}`);
    const counts = (unit: number): number => schedule.connectors(unit) ?? valid.get(unit)?.outcome.connectors ?? 0;
    let context = connectorContext(run, counts);
    const stale = (ok: (entry: CacheEntry) => boolean): number[] => [...valid].filter(([, e]) => e.signature !== signature && !ok(e)).map(([i]) => i);
    for (let again = stale((e) => e.context === context.key); again.length > 0; again = stale((e) => e.context === context.key)) {
      again.forEach((i) => valid.delete(i));
      await schedule.load(again, false);
      context = connectorContext(run, counts);
    }
    await schedule.link(context.order);
    // Those flows keep their cached transfers, and their findings while what they take from other flows holds.
    const reusable = sameContext(unchanged, context.key);
    await schedule.reuse(reusable);
    await schedule.keep();
    const indexOpts = indexOptions(project);
    if ([...valid.values()].some((e) => e.signature !== signature)) {
      const index = keptIndex(runIndex(run, valid, schedule).map((e) => e.kept ?? schedule.keptOf(e.job, e.local)));
      const changed = stale((e) => e.outcome.flows.every((f) => index.fingerprint(f.key, indexOpts) === f.fingerprint));
      if (changed.length > 0) {
        changed.forEach((i) => valid.delete(i));
        await schedule.load(changed, false);
        if (connectorContext(run, counts).key !== context.key) throw new Error('the custom connectors changed while linting');
        await schedule.link(context.order);
        await schedule.reuse(reusable);
        await schedule.keep();
      }
    }
    await schedule.lint(runIndex(run, valid, schedule));
    trace(io, 'linted');
    const outcomes = units.map((_, i) => valid.get(i)?.outcome ?? schedule.outcome(i));
    trace(io, `cache: ${valid.size} units reused, and ${schedule.reusedFlows()} flows of the units linted again`);
    const done = finish(run, outcomes);
    if (run.cache) {
      const cache = run.cache;
      const entries = new Map<string, CacheEntry>();
      units.forEach((unit, i) => {
        const hash = cache.hashes[i];
        if (hash !== undefined) entries.set(unit.id, { id: unit.id, hash, signature, context: context.key, outcome: outcomes[i]! });
      });
      const problem = await writeCache(cache.location, cache.key, [...entries.values()], io.cwd);
      if (problem) io.stderr(`flowguard: note: did not write the cache ${cacheDisplay(cache.location, io.cwd)}: ${problem}.\n`);
    }
    return done;
  } finally {
    await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
  }
}

/**
 * Lints the PATHs unit by unit (cli/units/plan.ts), on worker threads with --threads (or when
 * the run is large), reusing what --cache kept: the report is the one a plain run gives, byte for
 * byte. Undefined when neither applies, or when anything does not add up: the caller then lints
 * the plain way, which is always right. Given `reportSettings` (cli/cache/report-key.ts), an
 * unchanged rerun gives the report the last run with those settings kept in the cache, and any
 * other --cache run a way to keep its own.
 */
export async function lintUnits(project: Project, options: CliOptions, io: CliIO, reportSettings?: string): Promise<UnitsRun | ReportReprint | undefined> {
  if (!unitsApply(options)) return undefined;
  // On so few cores that the default is one thread (cli/threads/share.ts), a plain run has nothing to plan.
  if (!options.cache && (options.threads === 1 || (options.threads === undefined && availableParallelism() < MIN_CORES))) return undefined;
  const location = options.cache ? await cacheLocation(options.cacheLocation, io.cwd) : undefined;
  const units = await planUnits(options.paths, { cwd: io.cwd, ignore: ignoreMatcher(project.config.root, project.config.ignore), maxFiles: MAX_FILES, ...(location ? { skip: location.abs } : {}) });
  if (!options.cache && (options.threads ?? autoThreads(units)) <= 1) return undefined;
  const opened = location ? await openCache(location, project, options, io, units, reportSettings) : undefined;
  if (opened && 'stored' in opened) {
    trace(io, `cache: all ${units.length} units reused, and the report kept with them`);
    return opened;
  }
  const cache = opened;
  const run: Run = { project, options, io, units, ...(cache ? { cache } : {}) };
  try {
    return await lintRun(run, reusable(run));
  } catch (error) {
    trace(io, `units run failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Cached data that does not add up is let go, and the run tried once more without it.
  if (cache && cache.entries.size > 0) {
    try {
      return await lintRun(run, new Map(), false);
    } catch (error) {
      trace(io, `units run failed again: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return undefined;
}
