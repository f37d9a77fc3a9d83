// The language server as an editor sees it (GitHub issue 13's targets): the time from an edit
// (didChange) to the new diagnostics (publishDiagnostics), less the server's debounce, as p50 and
// p95, on the largest flow of ../shared/corpus (with the corpus as the workspace, so the flow is
// linted in its solution) and on a generated flow of 1 MB; the first workspace pass, from the
// initialize request to the end of its $/progress report, and how fast hovers on the corpus flow
// are answered while it runs (the pass runs in a worker thread); and the outline of the same flow.
// Times the server that ships: the production build (scripts/build.mjs --server, a launcher with a
// V8 code cache per thread, server/launcher.ts), built here into a scratch folder with its caches
// (XDG_CACHE_HOME), which one session on the workspace makes before anything is measured, as an
// installed server has them; BENCH_SERVER names another bundle (scripts/bench.mjs passes its copy
// of the production build). BENCH_NODE_ARGS are node options for the server (--cpu-prof
// --cpu-prof-dir=DIR profiles it: NODE_OPTIONS may not hold --cpu-prof). Standalone it prints its
// numbers; under scripts/bench.mjs (BENCH_RESULTS set) it also records its targets for the summary table.
//
// The debounce is read from server/session.ts (LINT_DELAY_MS), BENCH_DEBOUNCE_MS overrides it.
// Edit -> diagnostics less the debounce is an upper bound of the analysis of one edit: it also
// holds both messages' transport and the server's timer slack. BENCH_EDITS=N edits per flow (40).
// For comparing two builds on a noisy machine: BENCH_LSP_SKIP_CORPUS=1 times the generated 1 MB
// flow only, BENCH_SESSIONS=N measures it in N sessions of its own (a new server each), and
// BENCH_SERIES=1 prints every edit's time (the first edits run in code V8 has not optimised yet).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, percentile, record, verdict } from './bench/measure.mjs';
import { generateFlow } from './generate-workspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver/node');
const EDITS = Math.max(2, Number(process.env.BENCH_EDITS ?? 40));
const SESSIONS = Math.max(1, Number(process.env.BENCH_SESSIONS ?? 1));
const EDIT_TIMEOUT_MS = 30_000;
const scratch = mkdtempSync(path.join(tmpdir(), 'flowguard-bench-lsp-server-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** The production server, built into the scratch folder; dist/server.js when it does not build. */
function shippedServer() {
  const file = path.join(scratch, 'server.js');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--server', file], { cwd: root, encoding: 'utf8' });
  if (built.status === 0) return file;
  console.log(`(the production server did not build, so dist/server.js is timed: ${built.stderr.trim()})`);
  return path.join(root, 'dist', 'server.js');
}
const SERVER = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : shippedServer();
// The code caches of the server timed, kept apart from the user's (scripts/bench.mjs sets its own).
process.env.XDG_CACHE_HOME ??= path.join(scratch, 'xdg-cache');
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The server's debounce: BENCH_DEBOUNCE_MS, else LINT_DELAY_MS in server/session.ts, else 200. */
function debounce() {
  if (process.env.BENCH_DEBOUNCE_MS) return { ms: Number(process.env.BENCH_DEBOUNCE_MS), from: 'BENCH_DEBOUNCE_MS' };
  try {
    const found = /\bLINT_DELAY_MS\s*=\s*(\d+)/.exec(readFileSync(path.join(root, 'server', 'session.ts'), 'utf8'));
    if (found) return { ms: Number(found[1]), from: 'server/session.ts' };
  } catch {
    // a bundle without its sources
  }
  return { ms: 200, from: 'assumed: LINT_DELAY_MS not found in server/session.ts' };
}
const DEBOUNCE = debounce();

/** The bundled server over stdio, with just enough of a client to wait for its events. */
class Client {
  constructor() {
    this.child = spawn(process.execPath, [...NODE_ARGS, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = lsp.createMessageConnection(new lsp.StreamMessageReader(this.child.stdout), new lsp.StreamMessageWriter(this.child.stdin));
    this.waiting = new Map();
    this.passEnded = [];
    this.serverPassMs = [];
    this.connection.onNotification(lsp.PublishDiagnosticsNotification.type, ({ uri }) => {
      const resolve = this.waiting.get(uri);
      this.waiting.delete(uri);
      resolve?.(now());
    });
    // The server says how long its own pass took ("Linted the workspace in N ms: ...").
    this.connection.onNotification(lsp.LogMessageNotification.type, ({ message }) => {
      const found = /Linted the workspace in (\d+) ms/.exec(message);
      if (found) this.serverPassMs.push(Number(found[1]));
    });
    this.connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, ({ token }) => {
      this.connection.onProgress(lsp.WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') for (const resolve of this.passEnded.splice(0)) resolve({ at: now(), message: value.message });
      });
    });
    this.connection.onRequest(lsp.RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  /** Resolves with the time of the next publication for `uri`; asked before what causes it. */
  published(uri) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(uri);
        reject(new Error(`no publishDiagnostics for ${uri} within ${EDIT_TIMEOUT_MS} ms`));
      }, EDIT_TIMEOUT_MS);
      this.waiting.set(uri, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  passEnd() {
    return new Promise((resolve) => this.passEnded.push(resolve));
  }

  /**
   * Initializes on `folder` and waits for the first workspace pass to end. With `probe` (a flow
   * file), it is opened at once and hovered on every 20 ms until the pass ends: the editor's
   * answers while the pass runs, which the server must not hold back.
   */
  async initialize(folder, probe) {
    let passEnded = false;
    const ended = this.passEnd().then((end) => {
      passEnded = true;
      return end;
    });
    const start = now();
    await this.connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
      capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    const answered = now();
    await this.connection.sendNotification(lsp.InitializedNotification.type, {});
    const hovers = [];
    if (probe) {
      const uri = pathToFileURL(probe).href;
      const text = readFileSync(probe, 'utf8');
      const line = text.split('\n').findIndex((l) => /"type":/.test(l));
      await this.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
      while (!passEnded) {
        const asked = now();
        await this.connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: Math.max(0, line), character: 12 } });
        if (!passEnded) hovers.push(now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await this.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    const { at, message } = await ended;
    return { ms: at - start, initializeMs: answered - start, message, hovers };
  }

  async stop() {
    await this.connection.sendRequest(lsp.ShutdownRequest.type);
    await this.connection.sendNotification(lsp.ExitNotification.type);
    this.connection.dispose();
  }
}

/** Opens `file` in a server started on `folder`, then edits it EDITS times, each time waiting for its diagnostics. */
async function measure(label, folder, file) {
  const client = new Client();
  // The first pass runs to its end before the edits, so they are measured alone.
  const pass = await client.initialize(folder);
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const opened = client.published(uri);
  await client.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
  await opened;

  // A space at the start of the middle line, then taken away: the flow stays valid and the same
  // size, and the server must parse and lint it all again.
  const line = text.split('\n').length >> 1;
  const times = [];
  for (let version = 2; version < EDITS + 2; version++) {
    const change = version % 2 === 0
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }
      : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
    const published = client.published(uri);
    const start = now();
    await client.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    times.push((await published) - start);
  }
  const outlineStart = now();
  await client.connection.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument: { uri } });
  const outlineMs = now() - outlineStart;
  await client.stop();

  const beyond = times.map((t) => t - DEBOUNCE.ms);
  const r = { pass, serverPassMs: client.serverPassMs[0], times, p50: percentile(beyond, 50), p95: percentile(beyond, 95), max: Math.max(...beyond), outlineMs };
  const kb = (statSync(file).size / 1024).toFixed(0);
  console.log(`\n${label}: ${path.basename(file)} (${kb} KB)`);
  console.log(`  first workspace pass   ${pass.ms.toFixed(0)} ms from initialize to the end of $/progress (initialize answered after ${pass.initializeMs.toFixed(0)} ms, the server's start-up included${r.serverPassMs === undefined ? '' : `; the server logs ${r.serverPassMs} ms`}): ${pass.message}`);
  console.log(`  edit -> diagnostics    less the ${DEBOUNCE.ms} ms debounce: p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms over ${EDITS} edits (median with the debounce ${median(times).toFixed(0)} ms)`);
  console.log(`  outline (first after the last edit)  ${outlineMs.toFixed(0)} ms`);
  if (process.env.BENCH_SERIES === '1') console.log(`  each edit, in order    ${beyond.map((t) => t.toFixed(0)).join(' ')} ms`);
  return r;
}

/** A server of its own, so the first pass measured above had the machine to itself: hovers on `file`, opened at once, while the pass runs. */
async function hoversDuringPass(folder, file) {
  const client = new Client();
  const { hovers, ms } = await client.initialize(folder, file);
  await client.stop();
  if (hovers.length === 0) return console.log(`  hover during the pass  none: the pass (${ms.toFixed(0)} ms) ended before the first answer`);
  console.log(`  hover during the pass  p50 ${percentile(hovers, 50).toFixed(1)} ms, p95 ${percentile(hovers, 95).toFixed(1)} ms, max ${Math.max(...hovers).toFixed(1)} ms over ${hovers.length} hovers, the flow opened at initialized and linted meanwhile (that pass: ${ms.toFixed(0)} ms)`);
}

console.log(`\nLanguage server: edit -> diagnostics (debounce ${DEBOUNCE.ms} ms, from ${DEBOUNCE.from}; ${EDITS} edits per flow, BENCH_EDITS)`);
console.log(`Timed: ${SERVER}`);
const corpus = path.resolve(root, '..', 'shared', 'corpus');
{
  // One session first, whose server and pass worker keep their code caches (and the files read are in the OS's cache).
  const warm = new Client();
  await warm.initialize(existsSync(corpus) ? corpus : path.join(root, 'samples'));
  // Answered once the pass is complete, its worker's cache written (server/pass-worker.ts).
  await warm.connection.sendRequest('flowguard/stats', { reset: false });
  await warm.stop();
  await new Promise((resolve) => (warm.child.exitCode !== null ? resolve() : warm.child.once('exit', resolve)));
}
if (process.env.BENCH_LSP_SKIP_CORPUS === '1') {
  console.log('(the corpus flow skipped: BENCH_LSP_SKIP_CORPUS)');
  record('LSP: first workspace pass over the corpus < 1 s', 'BENCH_LSP_SKIP_CORPUS', 'skipped');
  record('LSP: diagnostics <= debounce + 60 ms p95 (largest corpus flow)', 'BENCH_LSP_SKIP_CORPUS', 'skipped');
} else if (existsSync(corpus)) {
  const largest = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[\\/])Workflows[\\/][^\\/]+\.json$/i.test(f))
    .map((f) => path.join(corpus, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (largest) {
    const r = await measure('largest corpus flow, the corpus as the workspace', corpus, largest);
    await hoversDuringPass(corpus, largest);
    record('LSP: first workspace pass over the corpus < 1 s', `${r.pass.ms.toFixed(0)} ms (initialize -> $/progress end)`, verdict(r.pass.ms < 1000));
    record('LSP: diagnostics <= debounce + 60 ms p95 (largest corpus flow)', `debounce + ${r.p95.toFixed(0)} ms p95 (p50 + ${r.p50.toFixed(0)} ms)`, verdict(r.p95 <= 60));
  }
} else {
  console.log('(../shared/corpus not found: skipping the corpus flow)');
  record('LSP: first workspace pass over the corpus < 1 s', 'no ../shared/corpus', 'skipped');
}

const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-bench-lsp-'));
try {
  let actions = 1000;
  let text = JSON.stringify(generateFlow(actions), null, 2);
  while (text.length < 1024 * 1024) {
    actions = Math.ceil((actions * 1024 * 1024) / text.length) + 10;
    text = JSON.stringify(generateFlow(actions), null, 2);
  }
  cpSync(path.join(root, 'samples', 'policies'), path.join(dir, 'policies'), { recursive: true });
  writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ policies: ['policies/*.json'] }));
  mkdirSync(path.join(dir, 'Workflows'));
  const file = path.join(dir, 'Workflows', 'Generated-6E1F0C3A-9B2D-EE11-9CBE-000000000001.json');
  writeFileSync(file, text);
  // More sessions than one: each is printed, the targets are recorded from the last.
  let r;
  for (let session = 1; session <= SESSIONS; session++) r = await measure(`generated flow, ${actions} actions, with the samples' policies${SESSIONS > 1 ? ` (session ${session} of ${SESSIONS})` : ''}`, dir, file);
  record('LSP: edit analysis <= 50 ms p95 (1 MB generated flow)', `${r.p95.toFixed(0)} ms p95, p50 ${r.p50.toFixed(0)} ms (edit -> diagnostics less the debounce)`, verdict(r.p95 <= 50));
  record('LSP: diagnostics <= debounce + 60 ms p95 (1 MB generated flow)', `debounce + ${r.p95.toFixed(0)} ms p95 (p50 + ${r.p50.toFixed(0)} ms)`, verdict(r.p95 <= 60));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
