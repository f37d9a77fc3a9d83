import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { KEPT_CACHES, prune } from '../../../cli/compile-cache';
import { StatsRequest, type StatsResult } from '../../../server/analysis-stats';
import { copySamples } from '../../helpers/samples';
import { ServerProcess, type Transport } from '../../lsp/helpers/server-process';
import { buildProduction, suiteScratch } from '../../helpers/production-build';

// The production language server (scripts/build.mjs --server FILE): a launcher holding the bundle,
// compiled with a V8 code cache per role, the server's thread and its pass worker (server/launcher.ts).

const TITLE = 'FlowGuard: linting workspace';
const TRACE = 'flowguard: trace: compile cache: ';

interface Session {
  diagnostics: [string, Diagnostic[]][];
  stats: StatsResult;
  /** What compiling with the cache did, in each thread that compiled the bundle. */
  trace: string[];
}

describe('server: the production bundle, with its code caches', function () {
  this.timeout(180_000);
  const tempDir = suiteScratch();
  after(() => rmSync(workspace, { recursive: true, force: true }));
  let launcher: string;
  let workspace: string;
  /** What the bundle the other server tests run (dist/server.js, or FLOWGUARD_TEST_SERVER) publishes. */
  let plain: Session;

  before(async () => {
    launcher = path.join(tempDir('server-launcher'), 'server.js');
    buildProduction('server', launcher);
    workspace = copySamples('flowguard-launcher-ws-');
    plain = await session(process.env.FLOWGUARD_TEST_SERVER, tempDir('xdg-plain'));
    assert.ok(plain.diagnostics.length > 0, 'the samples have findings');
  });

  /** A server started from `server` lints the workspace once, says what it analysed, and is closed as an editor closes it. */
  async function session(server: string | undefined, cache: string, transport: Transport = 'ipc', extra: Record<string, string> = {}): Promise<Session> {
    const env: Record<string, string | undefined> = { FLOWGUARD_TEST_SERVER: server, XDG_CACHE_HOME: cache, FLOWGUARD_TRACE_COMPILE_CACHE: '1', FLOWGUARD_NO_COMPILE_CACHE: undefined, ...extra };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    // ServerProcess starts the child with this process's environment.
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    let started: ServerProcess;
    try {
      started = ServerProcess.start(transport);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    try {
      const ended = started.progressEnded(TITLE);
      await started.initialize(workspace, pathToFileURL(workspace).href, { progress: true });
      await ended;
      // Answered once no pass or lint is waiting or running.
      const stats = await started.connection.sendRequest(StatsRequest, { reset: false });
      const diagnostics = [...started.publishedSoFar()].filter(([, d]) => d.length > 0).sort(([a], [b]) => (a < b ? -1 : 1));
      assert.equal(await started.stop(), 0);
      const trace = started.stderr.join('').split('\n').filter((l) => l.startsWith(TRACE)).map((l) => l.slice(TRACE.length)).sort();
      return { diagnostics, stats, trace };
    } finally {
      started.kill();
    }
  }

  const caches = (cache: string): string[] => {
    const folder = path.join(cache, 'flowguard');
    return existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.v8cache')).sort() : [];
  };

  it('publishes what the development bundle does, keeps a cache for each thread, and starts from them the next time', async () => {
    const cache = tempDir('xdg');

    const first = await session(launcher, cache);
    assert.deepEqual(first.diagnostics, plain.diagnostics);
    assert.deepEqual(first.stats, plain.stats);
    assert.deepEqual(first.trace, ['none', 'none'], 'the server and its pass worker each compiled the bundle with no cache');
    const files = caches(cache);
    assert.equal(files.length, 2, files.join(', '));
    assert.match(files[0]!, /^pass-worker-v\d+\.\d+\.\d+-[0-9a-f]{32}-[0-9a-f]{16}\.v8cache$/);
    assert.match(files[1]!, /^server-v\d+\.\d+\.\d+-[0-9a-f]{32}-[0-9a-f]{16}\.v8cache$/);

    const second = await session(launcher, cache, 'stdio');
    assert.deepEqual(second.diagnostics, plain.diagnostics);
    assert.deepEqual(second.stats, plain.stats);
    assert.deepEqual(second.trace, ['accepted', 'accepted']);
    assert.deepEqual(caches(cache), files, 'a cache accepted is not written again');
  });

  it("keeps the KEPT_CACHES most recent caches of each name: the server's, its pass worker's and the CLI's apart", () => {
    const folder = tempDir('prune-names');
    const now = Date.now();
    for (const name of ['server', 'pass-worker', 'cli']) {
      for (let i = 0; i < KEPT_CACHES + 2; i++) {
        const file = path.join(folder, `${name}-v20.0.0-${i}.v8cache`);
        writeFileSync(file, 'x');
        utimesSync(file, (now - i * 1000) / 1000, (now - i * 1000) / 1000);
      }
    }
    prune(folder, now, 'server');
    prune(folder, now, 'pass-worker');
    const left = readdirSync(folder);
    for (const name of ['server', 'pass-worker']) assert.equal(left.filter((f) => f.startsWith(`${name}-v`)).length, KEPT_CACHES, name);
    assert.equal(left.filter((f) => f.startsWith('cli-')).length, KEPT_CACHES + 2, "the CLI's are the CLI's to prune");
  });

  it('with FLOWGUARD_NO_COMPILE_CACHE=1, compiles the bundle as a plain require would and keeps no cache', async () => {
    const cache = tempDir('xdg-off');
    const off = await session(launcher, cache, 'ipc', { FLOWGUARD_NO_COMPILE_CACHE: '1' });
    assert.deepEqual(off.diagnostics, plain.diagnostics);
    assert.deepEqual(off.trace, ['off', 'off']);
    assert.deepEqual(caches(cache), []);
  });
});
