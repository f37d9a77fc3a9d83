import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodePayload, encodePayload, KEPT_CACHES, payloadOf, prune, userCacheDir } from '../../cli/compile-cache';
import { cli, type CliRun } from '../helpers/cli';
import { unitsWorkspace } from '../helpers/units-workspace';
import { buildProduction, suiteScratch } from '../helpers/production-build';

// The production CLI (scripts/build.mjs --cli FILE): a launcher holding the bundle, compiled with a
// V8 code cache kept in a per-user folder (cli/compile-cache.ts).

const POLICY = path.join('samples', 'policies', 'contoso-tenant-policy.json');
const ARGS = ['.', '--format', 'json', '--policy', POLICY];

describe('cli: the code cache of the production bundle', function () {
  this.timeout(180_000);
  const tempDir = suiteScratch();
  let launcher: string;
  let work: string;
  let plain: CliRun;

  before(async () => {
    launcher = path.join(tempDir('launcher'), 'cli.js');
    buildProduction('cli', launcher);
    work = tempDir('compile-cache-work');
    unitsWorkspace(work, 8);
    plain = await cli(ARGS, work);
  });

  /** The launcher run in the work folder, its code cache in `cache`; the trace lines taken out of standard error. */
  function run(cache: string, args: string[] = ARGS, env: NodeJS.ProcessEnv = {}): CliRun & { trace: string[] } {
    const result = spawnSync(process.execPath, [launcher, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache, FLOWGUARD_TRACE_COMPILE_CACHE: '1', FLOWGUARD_TRACE_UNITS: '', FLOWGUARD_NO_COMPILE_CACHE: '', ...env },
    });
    const lines = result.stderr.split('\n');
    return {
      code: result.status ?? -1,
      stdout: result.stdout,
      stderr: lines.filter((l) => !l.startsWith('flowguard: trace: compile cache: ')).join('\n'),
      trace: lines.filter((l) => l.startsWith('flowguard: trace: compile cache: ')).map((l) => l.slice('flowguard: trace: compile cache: '.length)),
    };
  }

  function same(actual: CliRun, what: string): void {
    assert.equal(actual.stdout, plain.stdout, `${what}: the report differs`);
    assert.equal(actual.stderr, plain.stderr, `${what}: the notes differ`);
    assert.equal(actual.code, plain.code, `${what}: the exit code differs`);
  }

  const cacheFiles = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.v8cache')) : []);

  it('the first run keeps a code cache in a folder of its own; the next runs from it, and both report what the sources do', () => {
    const cache = tempDir('xdg');
    const first = run(cache);
    same(first, 'first');
    assert.deepEqual(first.trace, ['none']);
    const folder = path.join(cache, 'flowguard');
    const files = cacheFiles(folder);
    assert.equal(files.length, 1, readdirSync(folder).join(', '));
    assert.match(files[0]!, /^cli-v\d+\.\d+\.\d+-[0-9a-f]{32}-[0-9a-f]{16}\.v8cache$/);
    if (process.platform !== 'win32') {
      assert.equal(statSync(folder).mode & 0o777, 0o700);
      assert.equal(statSync(path.join(folder, files[0]!)).mode & 0o777, 0o600);
    }
    const second = run(cache);
    same(second, 'second');
    assert.deepEqual(second.trace, ['accepted']);
    assert.deepEqual(cacheFiles(folder), files);
  });

  it('its worker threads start the launcher again, and report what one thread does', () => {
    const cache = tempDir('xdg');
    run(cache);
    const two = run(cache, [...ARGS, '--threads', '2'], { FLOWGUARD_TRACE_UNITS: '1' });
    assert.equal(two.stdout, plain.stdout);
    assert.deepEqual(two.trace, ['accepted', 'accepted']);
    assert.match(two.stderr, /2 thread\(s\)/);
    assert.doesNotMatch(two.stderr, /failed/);
  });

  it('--cache: a rerun prints the report it kept; the launcher file changed since is other code, and lints again', () => {
    const cache = tempDir('xdg');
    const args = [...ARGS, '--cache', '--cache-location', path.join(tempDir('results'), '.flowguardcache')];
    const env = { FLOWGUARD_TRACE_UNITS: '1' };
    const traced = (r: CliRun) => ({ ...r, stderr: r.stderr.split('\n').filter((l) => !l.startsWith('flowguard: trace: ')).join('\n') });
    const first = run(cache, args, env);
    same(traced(first), 'first');
    assert.match(first.stderr, /(\d+) units, \1 to lint/);
    const second = run(cache, args, env);
    same(traced(second), 'second');
    assert.match(second.stderr, /cache: all \d+ units reused, and the report kept with them/);
    // The bundle's hash, as its build took it, names the code with the launcher file's time and
    // size: a file edited by hand since is another FlowGuard, whatever hash it holds.
    const { atime, mtime } = statSync(launcher);
    try {
      utimesSync(launcher, atime, new Date(mtime.getTime() + 5_000));
      const third = run(cache, args, env);
      same(traced(third), 'third');
      assert.match(third.stderr, /(\d+) units, \1 to lint/);
      assert.match(third.stderr, /cache: 0 units reused/);
    } finally {
      utimesSync(launcher, atime, mtime);
    }
  });

  it('FLOWGUARD_NO_COMPILE_CACHE=1 reads and writes none', () => {
    const cache = tempDir('xdg');
    const off = run(cache, ARGS, { FLOWGUARD_NO_COMPILE_CACHE: '1' });
    same(off, 'off');
    assert.deepEqual(off.trace, ['off']);
    assert.ok(!existsSync(path.join(cache, 'flowguard')));
  });

  it('a damaged cache file is rejected and written again', () => {
    const cache = tempDir('xdg');
    run(cache);
    const folder = path.join(cache, 'flowguard');
    const [name] = cacheFiles(folder);
    const file = path.join(folder, name!);
    writeFileSync(file, Buffer.alloc(statSync(file).size, 0x5a));
    const damaged = run(cache);
    same(damaged, 'damaged');
    assert.deepEqual(damaged.trace, ['rejected']);
    assert.deepEqual(run(cache).trace, ['accepted']);
  });

  it('a cache file that is a symbolic link is not read, nor written through', function () {
    const cache = tempDir('xdg');
    run(cache);
    const folder = path.join(cache, 'flowguard');
    const [name] = cacheFiles(folder);
    const file = path.join(folder, name!);
    const target = path.join(cache, 'elsewhere.bin');
    writeFileSync(target, readFileSync(file));
    rmSync(file);
    try {
      symlinkSync(target, file);
    } catch {
      this.skip();
    }
    const linked = run(cache);
    same(linked, 'linked');
    assert.deepEqual(linked.trace, ['none']);
    assert.ok(!lstatSync(file).isSymbolicLink(), 'the link is replaced by a file of its own');
  });

  it("a cache file another user owns is not read", function () {
    if (process.platform === 'win32' || process.getuid?.() !== 0) this.skip();
    const cache = tempDir('xdg');
    run(cache);
    const folder = path.join(cache, 'flowguard');
    const file = path.join(folder, cacheFiles(folder)[0]!);
    chownSync(file, 4242, 4242);
    const foreign = run(cache);
    same(foreign, 'foreign');
    assert.deepEqual(foreign.trace, ['none']);
  });

  it('a cache folder that cannot be made is no cache, and no error', () => {
    const parent = tempDir('xdg');
    const blocked = path.join(parent, 'a-file');
    writeFileSync(blocked, '');
    const result = run(blocked);
    same(result, 'no folder');
    assert.deepEqual(result.trace, ['none']);
  });

  it('is found where the platform keeps caches', () => {
    assert.equal(userCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u'), '/x/cache/flowguard');
    assert.equal(userCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.cache/flowguard');
    assert.equal(userCacheDir({}, 'darwin', '/Users/u'), '/Users/u/.cache/flowguard');
    assert.equal(userCacheDir({}, 'linux', undefined), undefined);
    assert.equal(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\flowguard');
    assert.equal(userCacheDir({}, 'win32', 'C:\\Users\\u'), undefined);
  });

  it('holds any text in its comment, and gives back exactly that text', () => {
    for (const text of ['a */ b', '/* c */', '*\x01/', '\x01\x02', 'x**/y*/*/', '']) {
      const encoded = encodePayload(text);
      assert.ok(!encoded.includes('*/'), JSON.stringify(encoded));
      assert.equal(decodePayload(encoded), text);
      const holder = `function flowguardBundle(){/*FLOWGUARD-BUNDLE ${'0'.repeat(32)}\n${encoded}\n*/}`;
      assert.deepEqual(payloadOf(`#!/usr/bin/env node\nconst mark = "/*FLOWGUARD-BUNDLE ";\n${holder}\n`), { text, hash: '0'.repeat(32) });
    }
    assert.equal(payloadOf('no bundle here'), undefined);
  });

  it(`keeps the ${KEPT_CACHES} most recent caches, and no temporary file an interrupted write left`, () => {
    const folder = tempDir('prune');
    const now = Date.now();
    for (let i = 0; i < KEPT_CACHES + 3; i++) {
      const file = path.join(folder, `cli-v20.0.0-${i}.v8cache`);
      writeFileSync(file, 'x');
      utimesSync(file, (now - i * 60_000) / 1000, (now - i * 60_000) / 1000);
    }
    writeFileSync(path.join(folder, '.cli-old.v8cache.1-ab.tmp'), 'x');
    utimesSync(path.join(folder, '.cli-old.v8cache.1-ab.tmp'), (now - 7_200_000) / 1000, (now - 7_200_000) / 1000);
    writeFileSync(path.join(folder, '.cli-new.v8cache.2-cd.tmp'), 'x');
    mkdirSync(path.join(folder, 'other'));
    writeFileSync(path.join(folder, 'unrelated.txt'), 'x');
    prune(folder, now);
    const left = readdirSync(folder).sort();
    const kept = Array.from({ length: KEPT_CACHES }, (_, i) => `cli-v20.0.0-${i}.v8cache`).sort();
    assert.deepEqual(left, ['.cli-new.v8cache.2-cd.tmp', ...kept, 'other', 'unrelated.txt'].sort());
  });
});
