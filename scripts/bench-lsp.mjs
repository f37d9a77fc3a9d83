// The language server as an editor sees it: the time from an edit (didChange) to the new
// diagnostics, on the largest flow of ../shared/corpus (with the corpus as the workspace, so the
// flow is linted in its solution) and on a generated flow of 1 MB. Also the first workspace pass
// and the outline of the same flow. Prints numbers; asserts nothing. Needs dist/server.js.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateFlow } from './generate-workspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver/node');
const EDITS = Number(process.env.BENCH_EDITS ?? 15);
const TITLE = 'FlowGuard: linting workspace';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The bundled server over stdio, with just enough of a client to wait for its events. */
class Client {
  constructor() {
    this.child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = lsp.createMessageConnection(new lsp.StreamMessageReader(this.child.stdout), new lsp.StreamMessageWriter(this.child.stdin));
    this.waiting = new Map();
    this.passEnded = [];
    this.connection.onNotification(lsp.PublishDiagnosticsNotification.type, ({ uri }) => {
      const resolve = this.waiting.get(uri);
      this.waiting.delete(uri);
      resolve?.();
    });
    this.connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, ({ token }) => {
      const begun = now();
      this.connection.onProgress(lsp.WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') for (const resolve of this.passEnded.splice(0)) resolve({ ms: now() - begun, message: value.message });
      });
    });
    this.connection.onRequest(lsp.RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  /** Resolves at the next publication for `uri`; asked before what causes it. */
  published(uri) {
    return new Promise((resolve) => this.waiting.set(uri, resolve));
  }

  passEnd() {
    return new Promise((resolve) => this.passEnded.push(resolve));
  }

  async initialize(folder) {
    const ended = this.passEnd();
    await this.connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
      capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await this.connection.sendNotification(lsp.InitializedNotification.type, {});
    return await ended;
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
  const { ms: passMs, message } = await client.initialize(folder);
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const opened = client.published(uri);
  await client.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
  await opened;

  const times = [];
  for (let version = 2; version < EDITS + 2; version++) {
    // A space after the first character and back again: the flow stays the same size and valid.
    const change = version % 2 === 0
      ? { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: ' ' }
      : { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '' };
    const published = client.published(uri);
    const start = now();
    await client.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    times.push(now() - start);
  }
  const outlineStart = now();
  await client.connection.sendRequest(lsp.DocumentSymbolRequest.type, { textDocument: { uri } });
  const outlineMs = now() - outlineStart;
  await client.stop();

  const kb = (statSync(file).size / 1024).toFixed(0);
  console.log(`\n${label}: ${path.basename(file)} (${kb} KB)`);
  console.log(`  first workspace pass   ${passMs.toFixed(0)} ms (${message})`);
  console.log(`  edit -> diagnostics    median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)} over ${EDITS} edits (includes the 200 ms debounce)`);
  console.log(`  outline (first after the last edit)  ${outlineMs.toFixed(0)} ms`);
}

console.log('Language server: edit -> diagnostics');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
if (existsSync(corpus)) {
  const largest = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[\\/])Workflows[\\/][^\\/]+\.json$/i.test(f))
    .map((f) => path.join(corpus, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (largest) await measure('largest corpus flow, the corpus as the workspace', corpus, largest);
} else {
  console.log('(../shared/corpus not found: skipping the corpus flow)');
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
  await measure(`generated flow, ${actions} actions, with the samples' policies`, dir, file);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
