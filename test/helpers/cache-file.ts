import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { forgetUserSecret } from '../../cli/cache/user-secret';
import { cli, type CliRun } from './cli';

// Reading and writing a --cache file (cli/cache/store.ts) as FlowGuard does, and running the
// in-process CLI with its trace of what the cache gave: for the tests of test/cli/cache*.test.ts.

export interface CachedFinding {
  /** Its place in the table of texts. */
  message: number;
  /** Its place in the table of files. */
  file: number;
}

/** [path, size, mtime ns, ctime ns, inode, device, digest, read at (ms)] (cli/cache/records.ts). */
export type FileRecord = [string, number, string, string, string, string, string, number];

/** A cache file's first three lines (cli/cache/store.ts): its head, its body, and the rest of the outlines, as text; the last report may follow (its own lines and all). */
export interface CacheFile {
  head: { flowguardCache: number; key: string; stats: FileRecord[]; body: number; later: number; laterSha1: string; report?: unknown };
  body: { files: string[]; texts: string[]; units: { id: string; outcome: { flows: { key: string; result: { findings: CachedFinding[] } }[] } }[] };
  later: string;
}

export function readCacheFile(file: string): CacheFile {
  const [head, body, later] = readFileSync(file, 'utf8').split('\n') as [string, string, string];
  return { head: JSON.parse(head) as CacheFile['head'], body: JSON.parse(body) as CacheFile['body'], later };
}

/** Writes the cache back as FlowGuard would, its head giving the lengths and hash of the lines after it; without the report it kept. */
export function writeCacheFile(file: string, cache: CacheFile): void {
  const body = JSON.stringify(cache.body);
  const { report: _report, ...kept } = cache.head;
  const head = { ...kept, body: Buffer.byteLength(body), later: Buffer.byteLength(cache.later), laterSha1: createHash('sha1').update(cache.later).digest('hex') };
  writeFileSync(file, `${JSON.stringify(head)}\n${body}\n${cache.later}`);
}

/** The in-process CLI with FLOWGUARD_TRACE_UNITS=1; the trace lines are taken out of standard error. */
export async function traced(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun & { trace: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, { FLOWGUARD_TRACE_UNITS: '1', ...env });
  try {
    const run = await cli(args, cwd);
    const lines = run.stderr.split('\n');
    return { ...run, stderr: lines.filter((l) => !l.startsWith('flowguard: trace: ')).join('\n'), trace: lines.filter((l) => l.startsWith('flowguard: trace: ')).join('\n') };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

export function same(actual: CliRun, expected: CliRun, what: string): void {
  assert.equal(actual.stdout, expected.stdout, `${what}: the report differs`);
  assert.equal(actual.stderr, expected.stderr, `${what}: the notes differ`);
  assert.equal(actual.code, expected.code, `${what}: the exit code differs`);
}


/**
 * For a describe block: the user's cache folder (XDG_CACHE_HOME, where the secret that keys kept
 * reports lives: cli/cache/user-secret.ts) is a scratch folder of its own, not the real one.
 * Returns a function that moves it to another new folder, as another user's or machine's would be.
 */
export function scratchUserCache(): () => void {
  const saved = process.env.XDG_CACHE_HOME;
  const made: string[] = [];
  const fresh = (): void => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-user-cache-'));
    made.push(dir);
    process.env.XDG_CACHE_HOME = dir;
    forgetUserSecret();
  };
  before(fresh);
  after(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    forgetUserSecret();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return fresh;
}
