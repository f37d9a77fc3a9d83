import { createHash, createHmac, randomBytes } from 'node:crypto';
import { lstatSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import { readRegularFileSync, ReadRefused } from '../../core/artifacts/read-file';
import { writeRefusal, writeRegularFile } from '../../core/fixes/write-guard';
import { CACHE_FORMAT } from './key';
import { checkEntries, type CacheEntry } from './entry';
import { ascii, packedText } from './pack';
import { checkRecords, type FileRecord } from './records';
import { checkReportHead, type ReportHead, type StoredReport } from './report-head';
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
// changed; and the report the last run printed (report-head.ts). The head is what hashing needs
// whatever the key; the body is parsed only for the right key, the third line only when a run asks
// for it, the report only when it is the one this run would print. The lengths and the third
// line's sha1 (1 ms for the corpus's 1.5 MB) are checked at once, so that a file cut short or
// damaged there too is noted and not used; the report, by its key, when it would be printed.
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
    const read = readRegularFileSync(abs, MAX_CACHE_BYTES);
    const bytes = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
    let end = bytes.indexOf(NEWLINE);
    if (end < 0) end = bytes.length;
    const head: unknown = JSON.parse(bytes.toString('utf8', 0, end));
    if (!isObject(head) || typeof head.flowguardCache !== 'number') return problem('it is not a FlowGuard cache');
    // Written by another version of FlowGuard, which keys its cache differently anyway.
    if (head.flowguardCache !== CACHE_FORMAT) return { loaded: { state: 'other' }, known: new Map() };
    expect(typeof head.key === 'string' && isCount(head.body) && isCount(head.later) && typeof head.laterSha1 === 'string', 'its head is out of shape');
    const known = checkRecords(head.stats);
    const report = head.report === undefined ? undefined : checkReportHead(head.report);
    const { key, body, later, laterSha1 } = head as unknown as Head;
    const laterAt = end + 2 + body;
    const laterEnd = laterAt + later;
    if (bytes.length !== laterEnd + (report ? 1 + report.length : 0) || bytes[end + 1 + body] !== NEWLINE || (report && bytes[laterEnd] !== NEWLINE)) throw new SyntaxError('cut short');
    if (sha1(bytes.subarray(laterAt, laterEnd)) !== laterSha1) throw new BadCache('its third line is damaged');
    return { loaded: { state: 'read', key, bytes, body: end + 1, later: laterAt, laterEnd, laterSha1, ...(report ? { report } : {}) }, known };
  } catch (error) {
    return problem(describe(error));
  }
}

/** The body and third line of a cache file read for this run. */
function contentOf(loaded: Extract<Loaded, { state: 'read' }>): CacheContent {
  return {
    key: loaded.key,
    rest: loaded.bytes.subarray(loaded.body, loaded.laterEnd),
    body: loaded.later - 1 - loaded.body,
    later: loaded.laterEnd - loaded.later,
    laterSha1: loaded.laterSha1,
    ...(loaded.report ? { report: loaded.report.key } : {}),
  };
}

/**
 * The key a report is kept under: an HMAC, under the user's secret (user-secret.ts), of the run's
 * key (report-key.ts), the entries it was rendered from and the report itself, its notes and exit
 * code, byte for byte; undefined without a secret. Only this user's run can make it, and it holds
 * for this report only: one edited in the file (a cache committed by mistake, then changed by
 * someone else) or damaged is not printed.
 */
function reportKey(runKey: string, content: CacheContent, report: StoredReport): string | undefined {
  const secret = userSecret();
  if (!secret) return undefined;
  const { text, notes, after, exit } = report;
  const hmac = createHmac('sha256', secret).update(JSON.stringify([runKey, notes, after, exit, content.rest.byteLength, text.byteLength]));
  return hmac.update(content.rest).update(text).digest('hex');
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
  if (!session || loaded?.state !== 'read' || loaded.key !== key || !loaded.report) return undefined;
  const content = contentOf(loaded);
  const at = loaded.laterEnd + 1;
  const { notes, after, exit } = loaded.report;
  const report: StoredReport = { text: loaded.bytes.subarray(at, at + loaded.report.length), notes, after, exit };
  if (reportKey(runKey, content, report) !== loaded.report.key) {
    // Kept for other settings or files, by another user, or edited since: the entries give the
    // report, and the run keeps its own (keepReport).
    delete loaded.report;
    return undefined;
  }
  session.loaded = undefined;
  session.content = content;
  await keepStats(location, session, loaded);
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
  if (session) session.loaded = undefined;
  if (loaded.state === 'problem') return { problem: loaded.problem };
  if (loaded.state !== 'read' || loaded.key !== key) return {};
  const { bytes } = loaded;
  let entries;
  try {
    const body: unknown = JSON.parse(bytes.toString('utf8', loaded.body, loaded.later - 1));
    entries = checkEntries(body, () => bytes.toString('utf8', loaded.later, loaded.laterEnd));
  } catch (error) {
    return { problem: describe(error) };
  }
  if (session) {
    session.content = contentOf(loaded);
    await keepStats(location, session, loaded);
  }
  return { entries };
}

/**
 * When the cache file's entries are for this run but this run had to read and hash files again
 * (touched, or changed just before the last run read them), the file is written again with the
 * new file stats, so that the next run does not: a run that reuses every unit writes no other cache.
 */
async function keepStats(location: CacheLocation, session: Session, loaded: Extract<Loaded, { state: 'read' }>): Promise<void> {
  if (!session.records || session.hashed.length === 0) return;
  const { bytes, report } = loaded;
  const content = contentOf(loaded);
  const kept = report ? [NEWLINE_BYTES, bytes.subarray(loaded.laterEnd + 1, loaded.laterEnd + 1 + report.length)] : [];
  await writeText(location, [headText(content, session.records, report), content.rest, ...kept], session.cwd);
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
  const content: CacheContent = { key, rest: Buffer.from(`${body}\n${later}`, 'latin1'), body: body.length, later: later.length, laterSha1: sha1(later) };
  const problem = await writeText(location, [headText(content, session?.records, undefined), content.rest], cwd);
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
  const key = reportKey(runKey, content, report);
  if (key === undefined || content.report === key) return undefined;
  const { text, notes, after, exit } = report;
  const head = headText(content, session.records, { key, length: text.byteLength, notes, after, exit });
  // A report too large to keep beside the entries is not kept: they are, and give it again.
  if (Buffer.byteLength(head) + 2 + content.rest.byteLength + text.byteLength > MAX_CACHE_BYTES) return undefined;
  const problem = await writeText(location, [head, content.rest, NEWLINE_BYTES, text], cwd);
  if (!problem) session.content = { ...content, report: key };
  return problem;
}

export function cacheDisplay(location: CacheLocation, cwd: string): string {
  return displayPath(location.abs, cwd);
}
