import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import { ReadRefused } from '../../core/artifacts/read-file';
import { readFirstLine, readSpan, readSpanAhead } from './file-span';
import { writeRefusal, writeRegularFile } from '../../core/fixes/write-guard';
import { CACHE_FORMAT } from './key';
import { checkEntries, type CacheEntry } from './entry';
import { ascii, packedText } from './pack';
import { checkRecords, type FileRecord } from './records';
import { checkReportHead, type ReportHead, type StoredReport } from './report-head';
import { reportMac, reportMacHolds } from './report-mac';
import { userSecret } from './user-secret';
import { sessionOf, startSession, type CacheContent, type Loaded, type Session } from './session';
import { BadCache, expect, isCount, isObject } from './validate';

/** Where --cache keeps its file when --cache-location does not say. */
export const DEFAULT_CACHE_FILE = '.flowguardcache';

/** A cache file larger than this is not read (nor written): a real one holds a few KiB per flow. */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

export interface CacheLocation {
  abs: string;
  /** True when --cache-location named it; the default one must stay inside the working folder. */
  named: boolean;
}

/**
 * --cache-location as ESLint reads it: a folder (one that exists, or a path ending in a separator)
 * holds .flowguardcache. The file there is read now, once (cli/cache/session.ts): hashing the
 * units needs the file stats it keeps, and readCache its entries.
 */
export async function cacheLocation(given: string | undefined, cwd: string): Promise<CacheLocation> {
  const location = locate(given, cwd);
  const loaded = load(location.abs);
  startSession(location.abs, cwd, loaded.loaded, loaded.known);
  return Promise.resolve(location);
}

function locate(given: string | undefined, cwd: string): CacheLocation {
  if (given === undefined) return { abs: path.join(cwd, DEFAULT_CACHE_FILE), named: false };
  const abs = path.resolve(cwd, given);
  const folder = /[\\/]$/.test(given) || isFolder(abs);
  return { abs: folder ? path.join(abs, DEFAULT_CACHE_FILE) : abs, named: true };
}

function isFolder(abs: string): boolean {
  try {
    return statSync(abs, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

export type CacheRead = { entries: CacheEntry[] } | { problem?: string };

function describe(error: unknown): string {
  if (error instanceof BadCache) return `its content is not what FlowGuard writes (${error.message})`;
  if (error instanceof SyntaxError) return 'it is not valid JSON (cut short, or not written by FlowGuard)';
  if (error instanceof ReadRefused) return `it ${error.message}`;
  return String((error as NodeJS.ErrnoException).code ?? error);
}

// The file is three lines of JSON (pack.ts), and perhaps a report after them: its head,
// {"flowguardCache": format, "key", "stats": the file records (records.ts), "body" and "later":
// the byte lengths of the next two lines, "laterSha1", and "report" when one is kept}; its body, {"files",
// "outlines", "later", "units"}; the part of the flows' outlines a run reads only when some unit
// changed; and the report the last run printed (report-head.ts). Each part is read only when
// needed (file-span.ts): the head always, as hashing needs it whatever the key; the body and third
// line for the right key when some unit is to be decoded, their newlines and the third line's sha1
// checked then, so that a file damaged there is noted and not used; the report only when it is
// the one this run would print, by its key. The file's size is checked against the head at once.
const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

interface Head {
  key: string;
  body: number;
  later: number;
  laterSha1: string;
  report?: ReportHead;
}

function problem(text: string): { loaded: Loaded; known: ReadonlyMap<string, FileRecord> } {
  return { loaded: { state: 'problem', problem: text }, known: new Map() };
}

function sha1(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * The cache file read and its head checked, synchronously: one read and one JSON.parse of the
 * head (an unchanged rerun has nothing to wait for meanwhile, and a promise per call was idle time).
 * A missing file, or one of another format, is a cold run and says nothing; anything else wrong
 * with it (a link, a folder, too large, cut short, not FlowGuard's) is a cold run with the reason.
 */
function load(abs: string): { loaded: Loaded; known: ReadonlyMap<string, FileRecord> } {
  let stat;
  try {
    stat = lstatSync(abs, { throwIfNoEntry: false });
  } catch (error) {
    return problem(describe(error));
  }
  if (!stat) return { loaded: { state: 'missing' }, known: new Map() };
  if (stat.isSymbolicLink()) return problem('it is a symbolic link, which FlowGuard does not follow');
  if (!stat.isFile()) return problem('it is not a regular file');
  if (stat.size > MAX_CACHE_BYTES) return problem(`it is larger than ${MAX_CACHE_BYTES / 1024 / 1024} MiB`);
  try {
    const { line, identity } = readFirstLine(abs, MAX_CACHE_BYTES);
    const end = line.length;
    const head: unknown = JSON.parse(line.toString('utf8'));
    if (!isObject(head) || typeof head.flowguardCache !== 'number') return problem('it is not a FlowGuard cache');
    // Written by another version of FlowGuard, which keys its cache differently anyway.
    if (head.flowguardCache !== CACHE_FORMAT) return { loaded: { state: 'other' }, known: new Map() };
    expect(typeof head.key === 'string' && isCount(head.body) && isCount(head.later) && typeof head.laterSha1 === 'string', 'its head is out of shape');
    const known = checkRecords(head.stats);
    const report = head.report === undefined ? undefined : checkReportHead(head.report);
    const { key, body, later, laterSha1 } = head as unknown as Head;
    const laterAt = end + 2 + body;
    const laterEnd = laterAt + later;
    // The newlines between the parts, and the third line's sha1, are checked when those parts are read (entriesOf, storedReport).
    if (identity.size !== laterEnd + (report ? 1 + report.length : 0)) throw new SyntaxError('cut short');
    return { loaded: { state: 'read', key, abs, file: identity, body: end + 1, later: laterAt, laterEnd, laterSha1, ...(report ? { report } : {}) }, known };
  } catch (error) {
    return problem(describe(error));
  }
}

type ReadLoaded = Extract<Loaded, { state: 'read' }>;

/** The body, its newline and the third line of the file, checked: the newlines where the head puts them, the third line's sha1. */
function restOf(loaded: ReadLoaded): Buffer {
  const rest = readSpan(loaded.abs, loaded.file, loaded.body, loaded.laterEnd);
  if (rest[loaded.later - 1 - loaded.body] !== NEWLINE) throw new SyntaxError('cut short');
  if (sha1(rest.subarray(loaded.later - loaded.body)) !== loaded.laterSha1) throw new BadCache('its third line is damaged');
  return rest;
}

/** The body and third line of a cache file read for this run, read from it when first asked for. */
function contentOf(loaded: ReadLoaded, rest?: Buffer): CacheContent {
  let bytes = rest;
  return {
    key: loaded.key,
    rest: () => (bytes ??= restOf(loaded)),
    body: loaded.later - 1 - loaded.body,
    later: loaded.laterEnd - loaded.later,
    laterSha1: loaded.laterSha1,
    ...(loaded.report ? { report: loaded.report.key } : {}),
  };
}

/**
 * What a report is kept for, as its key (report-mac.ts) authenticates it with the report: the
 * run's key (report-key.ts), the cache's key, the entries' lengths and third line's sha1 (which
 * entries it was rendered with), its notes and exit code. Only this user's run can make the key,
 * and it holds for this report only: one edited in the file (a cache committed by mistake, then
 * changed by someone else) or damaged is not printed. The entries themselves are not in it: the
 * run's key already names every input, and a report is printed without reading them.
 */
function reportAbout(runKey: string, content: Pick<CacheContent, 'key' | 'body' | 'later' | 'laterSha1'>, report: StoredReport): string {
  const { text, notes, after, exit } = report;
  return JSON.stringify([runKey, content.key, content.body, content.later, content.laterSha1, notes, after, exit, text.byteLength]);
}

/**
 * Starts reading the report the cache file keeps, if any, in the background (readSpanAhead): a
 * rerun that prints it has it by the time every file is stat'ed and the run's key known. Call it
 * after cacheLocation, when the run would print a kept report.
 */
export function readReportAhead(location: CacheLocation): void {
  const session = sessionOf(location.abs);
  const loaded = session?.loaded;
  if (!session || loaded?.state !== 'read' || !loaded.report) return;
  session.reportAhead = readSpanAhead(loaded.abs, loaded.file, loaded.laterEnd, loaded.laterEnd + 1 + loaded.report.length);
}

/**
 * The report the cache keeps, when the last run that kept one had this run's key (`runKey`:
 * its cache key, units, options and settings) and the entries were what they are now; undefined
 * otherwise, and when the report there is not the one its key was made for (the entries then give the
 * report, and the run keeps it again). Call it after hashUnits and before readCache.
 */
export async function storedReport(location: CacheLocation, key: string, runKey: string): Promise<StoredReport | undefined> {
  const session = sessionOf(location.abs);
  const loaded = session?.loaded;
  const ahead = session?.reportAhead;
  if (session) session.reportAhead = undefined;
  if (!session || loaded?.state !== 'read' || loaded.key !== key || !loaded.report) return undefined;
  const secret = userSecret();
  const content = contentOf(loaded);
  const head = loaded.report;
  const { notes, after, exit } = head;
  let report: StoredReport | undefined;
  try {
    report = { text: keptBytes(ahead ? await ahead : readReport(loaded, head)), notes, after, exit };
  } catch {
    // Gone or replaced since its head was read: the entries, read as ever, say why.
  }
  if (!report || !secret || !reportMacHolds(secret, head.key, reportAbout(runKey, content, report), report.text)) {
    // Kept for other settings or files, by another user, or edited since: the entries give the
    // report, and the run keeps its own (keepReport).
    delete loaded.report;
    return undefined;
  }
  session.loaded = undefined;
  const text = report.text;
  session.content = await keepStats(location, session, content, { head, text: () => text });
  return report;
}

/**
 * The entries of the cache file when it was written for `key`. A missing file, or one written for
 * another key (another version, configuration, policy or flag), is a cold run and says nothing;
 * anything else wrong with it is a cold run with the reason, for a one-line note.
 */
export async function readCache(location: CacheLocation, key: string): Promise<CacheRead> {
  const session = sessionOf(location.abs);
  const loaded = session?.loaded ?? load(location.abs).loaded;
  if (session) {
    session.loaded = undefined;
    // A report read ahead for a run that lints after all (a unit that could not be hashed) is not held through the lint.
    session.reportAhead = undefined;
  }
  if (loaded.state === 'problem') return { problem: loaded.problem };
  if (loaded.state !== 'read' || loaded.key !== key) return {};
  let entries;
  let rest;
  try {
    rest = restOf(loaded);
    const bytes = rest;
    const bodyLength = loaded.later - 1 - loaded.body;
    const body: unknown = JSON.parse(bytes.toString('utf8', 0, bodyLength));
    entries = checkEntries(body, () => bytes.toString('utf8', bodyLength + 1));
  } catch (error) {
    return { problem: describe(error) };
  }
  if (session) {
    const head = loaded.report;
    const report = head ? { head, text: () => reportBytes(loaded, head) } : undefined;
    session.content = await keepStats(location, session, contentOf(loaded, rest), report);
  }
  return { entries };
}

/**
 * When the cache file's entries are for this run but this run had to read and hash files again
 * (touched, or changed just before the last run read them), the file is written again with the
 * new file stats, so that the next run does not: a run that reuses every unit writes no other cache.
 */
async function keepStats(location: CacheLocation, session: Session, content: CacheContent, report?: { head: ReportHead; text: () => Uint8Array }): Promise<CacheContent> {
  if (!session.records || session.hashed.length === 0) return content;
  let rest;
  let text;
  try {
    rest = content.rest();
    text = report?.text();
  } catch {
    // Changed since it was read: the next run reads it as it is then.
    return content;
  }
  const kept = report && text ? [NEWLINE_BYTES, text] : [];
  await writeText(location, [headText(content, session.records, text ? report?.head : undefined), rest, ...kept], session.cwd);
  if (text || content.report === undefined) return content;
  const { report: _dropped, ...without } = content;
  return without;
}

/** The report the file keeps after its third line, as the head describes it, with the newline before it. */
function readReport(loaded: ReadLoaded, head: ReportHead): Buffer {
  return readSpan(loaded.abs, loaded.file, loaded.laterEnd, loaded.laterEnd + 1 + head.length);
}

/** The report in what readReport read; throws when it is not there. */
function keptBytes(kept: Buffer | undefined): Buffer {
  if (kept?.[0] !== NEWLINE) throw new SyntaxError('cut short');
  return kept.subarray(1);
}

function reportBytes(loaded: ReadLoaded, head: ReportHead): Buffer {
  return keptBytes(readReport(loaded, head));
}

function headText(content: CacheContent, records: ReadonlyMap<string, FileRecord> | undefined, report: ReportHead | undefined): string {
  const { key, body, later, laterSha1 } = content;
  // Paths are the one part of a head that may hold characters past ASCII: escaped as the body's are (pack.ts).
  return ascii(JSON.stringify({ flowguardCache: CACHE_FORMAT, key, stats: records ? [...records.values()] : [], body, later, laterSha1, ...(report ? { report } : {}) }));
}

/** Writes the head and the rest to a new file beside the cache, renamed over it; why not, or undefined. */
async function writeText(location: CacheLocation, [head, ...rest]: [string, ...Uint8Array[]], cwd: string): Promise<string | undefined> {
  const size = Buffer.byteLength(head) + 1 + rest.reduce((n, part) => n + part.byteLength, 0);
  if (size > MAX_CACHE_BYTES) return `it would be larger than ${MAX_CACHE_BYTES / 1024 / 1024} MiB`;
  const refusal = await writeRefusal(location.abs, location.named ? undefined : [cwd]);
  if (refusal) return refusal;
  const temporary = `${location.abs}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(path.dirname(location.abs), { recursive: true });
    await writeRegularFile(temporary, Buffer.concat([Buffer.from(`${head}\n`), ...rest]));
    await fs.rename(temporary, location.abs);
    return undefined;
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    return `cannot write it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/**
 * Writes the cache: to a new file beside it, renamed over it, so a run that stops halfway leaves
 * the last good cache and a reader never sees half of one. Never through a symbolic link, never
 * over a folder or a device, and the default location only inside the working folder. Returns
 * why it was not written, or undefined. The head holds the stats of the files this run hashed.
 */
export async function writeCache(location: CacheLocation, key: string, entries: readonly CacheEntry[], cwd: string): Promise<string | undefined> {
  const session = sessionOf(location.abs, cwd);
  const { body, later } = packedText(entries);
  // Both ASCII (pack.ts): a character is a byte.
  const rest = Buffer.from(`${body}\n${later}`, 'latin1');
  const content: CacheContent = { key, rest: () => rest, body: body.length, later: later.length, laterSha1: sha1(later) };
  const problem = await writeText(location, [headText(content, session?.records, undefined), rest], cwd);
  if (session) session.content = problem ? undefined : content;
  return problem;
}

/**
 * Keeps `report` in the cache file with the entries this run's findings came from (read or
 * written), under `runKey` (report-key.ts), unless the file keeps it already; a rerun with the
 * same key and the same entries prints it again (storedReport). Returns why it was not kept, or undefined.
 */
export async function keepReport(location: CacheLocation, runKey: string, report: StoredReport, cwd: string): Promise<string | undefined> {
  const session = sessionOf(location.abs, cwd);
  const content = session?.content;
  if (!session || !content) return undefined;
  const secret = userSecret();
  if (!secret) return undefined;
  const about = reportAbout(runKey, content, report);
  // The file keeps this very report already: not written again.
  if (content.report !== undefined && reportMacHolds(secret, content.report, about, report.text)) return undefined;
  const key = reportMac(secret, about, report.text);
  const { text, notes, after, exit } = report;
  const head = headText(content, session.records, { key, length: text.byteLength, notes, after, exit });
  let rest;
  try {
    rest = content.rest();
  } catch (error) {
    return describe(error);
  }
  // A report too large to keep beside the entries is not kept: they are, and give it again.
  if (Buffer.byteLength(head) + 2 + rest.byteLength + text.byteLength > MAX_CACHE_BYTES) return undefined;
  const problem = await writeText(location, [head, rest, NEWLINE_BYTES, text], cwd);
  if (!problem) session.content = { ...content, report: key };
  return problem;
}

export function cacheDisplay(location: CacheLocation, cwd: string): string {
  return displayPath(location.abs, cwd);
}
