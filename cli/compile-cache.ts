import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Script, runInThisContext } from 'node:vm';

// A V8 code cache for the CLI's bundle (cli/launcher.ts runs it). Loading and compiling the 680 KB
// bundle was 35 ms of a 139 ms unchanged --cache rerun over ../shared/corpus; with the bytecode of
// the functions a run compiled kept from the run before (script.createCachedData() after the run,
// so the functions V8 compiled lazily are in it), the rerun took 20 ms less wall time, 24 ms less
// CPU (medians of 21 paired runs, node 20.20). Node 22.1's module.enableCompileCache() caches
// modules the CommonJS loader compiles from files; the bundle is compiled here, from the
// launcher's own text, so this cache serves every version from 20 on.
//
// The cache is a per-user file: $XDG_CACHE_HOME/flowguard, else ~/.cache/flowguard, on Windows
// %LOCALAPPDATA%\flowguard; the folder made 0700, each file named by node's version, the V8
// options, and a hash of the bundle (V8 checks a code cache only against the source's length),
// written to a temporary file renamed into place, and never read unless it is a regular file the
// current user owns. FLOWGUARD_NO_COMPILE_CACHE=1 turns it off. Whatever fails, the bundle is
// compiled as a plain require would: the cache only ever saves time.

/**
 * Where the payload starts and ends in the launcher's text: `function flowguardBundle(){`, this
 * mark, the sha256 of the payload (32 hex digits) and a newline, the payload, PAYLOAD_END, `}`
 * (scripts/cli-launcher.mjs writes it so). The hash is taken when the file is built: hashing the
 * 680 KB when it runs cost 2.8 ms of every run.
 */
export const PAYLOAD_START = '/*FLOWGUARD-BUNDLE ';
export const PAYLOAD_END = '\n*/';
const HASH_LENGTH = 32;
// Joined when run, so that the launcher's own code, which holds each part, never holds the two together.
const HOLDER_START = ['function flowguardBundle(){', PAYLOAD_START].join('');

/** The bundle's text in a block comment: `*\/` cannot end it, nor can the escape be mistaken (scripts/cli-launcher.mjs, the same). */
export function encodePayload(text: string): string {
  return text.replace(/\x01/g, '\x01\x02').replace(/\*\//g, '*\x01/');
}

export function decodePayload(text: string): string {
  if (!text.includes('\x01')) return text;
  return text.replace(/\*\x01\//g, '*/').replace(/\x01\x02/g, '\x01');
}

export interface Payload {
  text: string;
  /** Its sha256 as the build took it. */
  hash: string;
}

/** The bundle in the launcher's text (the file, or its holder function's), or undefined when it holds none. */
export function payloadOf(text: string): Payload | undefined {
  const start = text.indexOf(HOLDER_START);
  const end = text.lastIndexOf(PAYLOAD_END);
  const from = start + HOLDER_START.length + HASH_LENGTH + 1;
  if (start < 0 || end < from - 1) return undefined;
  const hash = text.slice(start + HOLDER_START.length, from - 1);
  if (!/^[0-9a-f]{32}$/.test(hash) || text[from - 1] !== '\n') return undefined;
  return { text: decodePayload(text.slice(from, end)), hash };
}

/** This process's per-user folder of FlowGuard's caches (userCacheDir for its environment, platform and home), or undefined. */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let home: string | undefined;
  try {
    home = homedir();
  } catch {
    // No home (a user without a passwd entry): only XDG_CACHE_HOME or LOCALAPPDATA can name one.
  }
  return userCacheDir(env, process.platform, home);
}

/** The per-user folder of FlowGuard's caches, or undefined when the environment names none. */
export function userCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string | undefined): string | undefined {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    return local && path.win32.isAbsolute(local) ? path.win32.join(local, 'flowguard') : undefined;
  }
  // A relative XDG_CACHE_HOME is to be ignored (XDG Base Directory Specification).
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.posix.isAbsolute(xdg)) return path.posix.join(xdg, 'flowguard');
  return home && path.posix.isAbsolute(home) ? path.posix.join(home, '.cache', 'flowguard') : undefined;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The cache file's name: node's version and platform, what sets V8's options (they are part of
 * what V8 checks, so two sets would take turns rejecting each other's cache), the bundle's hash
 * and the launcher file's size, modification time and inode (a file edited by hand since its
 * build is another bundle, whatever its hash says).
 */
export function cacheFileName(payload: Payload, filename: string, env: NodeJS.ProcessEnv, execArgv: readonly string[], name = 'cli'): string {
  const file = statSync(filename, { bigint: true });
  const identity = sha(JSON.stringify([process.arch, process.versions.v8, execArgv, env.NODE_OPTIONS ?? '', env.FLOWGUARD_V8_DEFAULTS ?? '', String(file.size), String(file.mtimeNs), String(file.ino)]));
  return `${name}-${process.version}-${payload.hash}-${identity.slice(0, 16)}.v8cache`;
}

/** A code cache is a few MB; one far larger is not FlowGuard's. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

function ownUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** The file's bytes when it is a regular file (not a link) the current user owns, of a sane size; else undefined. */
export function readOwnedFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
    const stat = fstatSync(fd);
    const uid = ownUid();
    if (!stat.isFile() || stat.size === 0 || stat.size > MAX_CACHE_BYTES || (uid !== undefined && stat.uid !== uid)) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) return undefined;
      filled += read;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The folder, made 0700 when missing; undefined unless it is a folder (not a link) the current user owns. */
export function ownedFolder(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    const uid = ownUid();
    return stat.isDirectory() && (uid === undefined || stat.uid === uid) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` in `dir` through a temporary file renamed over it: a reader never sees half of one. */
export function writeAtomically(dir: string, file: string, data: Uint8Array): void {
  if (!ownedFolder(dir)) return;
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** How many code caches the folder keeps (every build, node version and copy of the launcher has its own). */
export const KEPT_CACHES = 8;

/** Leaves the KEPT_CACHES most recent code caches of `name` in the folder, and removes temporary files an interrupted write left an hour ago or more. */
export function prune(dir: string, now = Date.now(), name = 'cli'): void {
  // No name is the start of another (server/launcher.ts), so each is pruned alone.
  const CACHE_FILE = new RegExp(`^${name}-.*\\.v8cache$`);
  const TEMPORARY = new RegExp(`^\\.${name}-.*\\.tmp$`);
  try {
    const files = readdirSync(dir)
      .filter((name) => CACHE_FILE.test(name) || TEMPORARY.test(name))
      .map((name) => ({ name, stat: lstatSync(path.join(dir, name)) }))
      .filter(({ stat }) => stat.isFile());
    const caches = files.filter(({ name }) => CACHE_FILE.test(name)).sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
    const stale = [...caches.slice(KEPT_CACHES), ...files.filter(({ name, stat }) => TEMPORARY.test(name) && now - stat.mtimeMs > 3600_000)];
    for (const { name } of stale) rmSync(path.join(dir, name), { force: true });
  } catch {
    // Left for another run.
  }
}

const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';

export interface BundleHost {
  module: NodeModule;
  require: NodeRequire;
  /** The launcher's file: the bundle runs as it, so that its worker threads start it again (cli/threads/worker.ts). */
  filename: string;
  env: NodeJS.ProcessEnv;
  execArgv: readonly string[];
  /** The cache folder; undefined: none. */
  cacheDir: string | undefined;
  /** Only the main thread writes the cache (a worker thread's run is part of one). */
  writes: boolean;
  /** What the cache files are named for ('cli' by default): each bundle, and each role of one, keeps its own (server/launcher.ts). */
  name?: string;
  /** Given the function that writes the cache, when one is to be written: by default it runs at the process's exit. */
  save?(write: () => void): void;
}

type ModuleFunction = (this: unknown, exports: unknown, require: NodeRequire, module: NodeModule, filename: string, dirname: string) => unknown;

/** What compiling with the cache did: 'off', 'none' (no file yet), 'accepted', 'rejected' or 'failed'. */
let lastCompile: 'off' | 'none' | 'accepted' | 'rejected' | 'failed' | undefined;

function compiled(payload: Payload, host: BundleHost): ModuleFunction | undefined {
  if (host.env.FLOWGUARD_NO_COMPILE_CACHE === '1' || !host.cacheDir) {
    lastCompile = 'off';
    return undefined;
  }
  try {
    const dir = host.cacheDir;
    const name = host.name ?? 'cli';
    const file = path.join(dir, cacheFileName(payload, host.filename, host.env, host.execArgv, name));
    const cachedData = readOwnedFile(file);
    const script = new Script(WRAPPER + payload.text + '\n})', { filename: host.filename, ...(cachedData ? { cachedData } : {}) });
    const fn = script.runInThisContext() as ModuleFunction;
    const rejected = cachedData !== undefined && script.cachedDataRejected === true;
    lastCompile = !cachedData ? 'none' : rejected ? 'rejected' : 'accepted';
    if (host.writes && (!cachedData || rejected)) {
      const write = (): void => {
        try {
          writeAtomically(dir, file, script.createCachedData());
          prune(dir, Date.now(), name);
        } catch {
          // The next run compiles the bundle again.
        }
      };
      if (host.save) host.save(write);
      else process.once('exit', write);
    }
    return fn;
  } catch {
    lastCompile = 'failed';
    return undefined;
  }
}

/** What the launcher's module holds for the bundle it runs: the bundle's hash, as built (launchedBundleHash). */
const BUNDLE_HASH = 'flowguardBundleHash';

/** The hash of the bundle that runs as `module` (its build took it), when a launcher runs it; else undefined. */
export function launchedBundleHash(module: NodeModule): string | undefined {
  const hash = (module as unknown as Record<string, unknown>)[BUNDLE_HASH];
  return typeof hash === 'string' ? hash : undefined;
}

/** Runs the bundle as the launcher's own module, compiled with the code cache when it can be. */
export function runBundle(payload: Payload, host: BundleHost): void {
  (host.module as unknown as Record<string, unknown>)[BUNDLE_HASH] = payload.hash;
  const fn = compiled(payload, host) ?? (runInThisContext(WRAPPER + payload.text + '\n})', { filename: host.filename }) as ModuleFunction);
  // FLOWGUARD_TRACE_COMPILE_CACHE=1 says on standard error what the cache gave (for tests).
  if (host.env.FLOWGUARD_TRACE_COMPILE_CACHE === '1') process.stderr.write(`flowguard: trace: compile cache: ${lastCompile}\n`);
  fn.call(host.module.exports, host.module.exports, host.require, host.module, host.filename, path.dirname(host.filename));
}

/**
 * What a launcher (cli/launcher.ts, server/launcher.ts) does once its V8 options are set: runs the
 * bundle its `holder` holds as its own module (`module`, `require` and `filename` are the
 * launcher's), with this process's environment and the user's cache folder; `role` says which
 * cache it keeps and how it is written.
 */
export function runLauncher(holder: () => void, launcher: Pick<BundleHost, 'module' | 'require' | 'filename'>, role: Pick<BundleHost, 'name' | 'writes' | 'save'>): void {
  runBundle(launcherPayload(holder, launcher.filename), { ...launcher, env: process.env, execArgv: process.execArgv, cacheDir: userCacheFolder(process.env), ...role });
}

/** The bundle the launcher holds: from its own function's text, else from its file. */
export function launcherPayload(holder: () => void, filename: string): Payload {
  const fromFunction = payloadOf(Function.prototype.toString.call(holder));
  if (fromFunction !== undefined) return fromFunction;
  const fromFile = payloadOf(readFileSync(filename, 'utf8'));
  if (fromFile === undefined) throw new Error(`${filename} holds no FlowGuard bundle`);
  return fromFile;
}
