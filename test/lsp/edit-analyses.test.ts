import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, type MarkupContent } from 'vscode-languageserver/node';
import { StatsRequest, type StatsResult } from '../../server/analysis-stats';
import { FIXTURES, ROOT } from '../helpers/fixtures';
import { ServerProcess } from './helpers/server-process';

const uri = (file: string): string => pathToFileURL(file).href;
const TITLE = 'FlowGuard: linting workspace';
const PARENT = 'Syncinvoicesnightly-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json';
const CHILD = 'HELPERPosttocollector-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json';
const EXPENSES = 'Expenseapproval-6E1F0C3A-9B2D-EE11-9CBE-0022480A1F31.json';

/** A space before the line that holds `marker`: the flow stays the same flow, and must be linted again. */
function indentLine(text: string, marker: string): string {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `${marker} is in the flow`);
  const start = text.lastIndexOf('\n', at) + 1;
  return `${text.slice(0, start)} ${text.slice(start)}`;
}

describe('lsp: an edit analyses the edited flow and the flows that depend on it, nothing more', () => {
  let dir: string;
  let server: ServerProcess;
  let version = 1;
  const parent = (): string => path.join(dir, 'invoices', 'Workflows', PARENT);
  const expenses = (): string => path.join(dir, 'expenses', 'Workflows', EXPENSES);

  // flowguard/stats answers once no lint is waiting or running, so what it lists is all an edit cost.
  const stats = (reset = false): Promise<StatsResult> => server.connection.sendRequest(StatsRequest, { reset });
  const analysed = (result: StatsResult): string[] => result.analyses.map((a) => `${path.basename(a.file)} (${a.reason})`);

  async function open(file: string, text: string): Promise<void> {
    const published = server.diagnostics(uri(file), () => true);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: ++version, text } });
    await published;
  }

  async function edit(file: string, text: string): Promise<void> {
    const published = server.diagnostics(uri(file), () => true);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version: ++version }, contentChanges: [{ text }] });
    await published;
  }

  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-analyses-')));
    // A parent passing SharePoint items to the child it runs, beside a solution of six flows linked to neither.
    cpSync(path.join(FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-sends-input'), path.join(dir, 'invoices'), { recursive: true });
    cpSync(path.join(ROOT, 'samples', 'ContosoExpenses', 'src'), path.join(dir, 'expenses'), { recursive: true });
    server = ServerProcess.start('stdio');
    const firstPass = server.progressEnded(TITLE);
    await server.initialize(dir, uri(dir), { progress: true });
    await firstPass;
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the pass, which linted every flow once', async () => {
    const result = await stats(true);
    assert.equal(result.passes, 1);
    assert.equal(result.passFlows, 2 + readdirSync(path.join(dir, 'expenses', 'Workflows')).filter((f) => f.endsWith('.json')).length);
    assert.deepEqual(result.analyses, [], 'nothing is open, nothing was analysed beside the pass');
  });

  it('an edit to one flow of many analyses that flow once, and no other', async () => {
    const text = readFileSync(expenses(), 'utf8');
    await open(expenses(), text);
    assert.deepEqual(analysed(await stats(true)), [`${EXPENSES} (buffer)`], 'opening it analyses it');
    await edit(expenses(), indentLine(text, '"actions"'));
    assert.deepEqual(analysed(await stats(true)), [`${EXPENSES} (buffer)`]);
  });

  it("an edit to a parent that leaves what it passes as it was analyses the parent alone", async () => {
    const text = readFileSync(parent(), 'utf8');
    await open(parent(), text);
    await stats(true);
    await edit(parent(), indentLine(text, '"Run_a_Child_Flow"'));
    assert.deepEqual(analysed(await stats(true)), [`${PARENT} (buffer)`]);
  });

  it('an edit to a parent that changes what it passes analyses the parent and its child, once each', async () => {
    const text = readFileSync(parent(), 'utf8');
    await edit(parent(), text.replace("\"@{body('Get_items')?['value']}\"", '"nothing from SharePoint"'));
    assert.deepEqual(analysed(await stats(true)), [`${PARENT} (buffer)`, `${CHILD} (saved)`]);
    // And back: the child learns again what the parent passes.
    await edit(parent(), text);
    assert.deepEqual(analysed(await stats(true)), [`${PARENT} (buffer)`, `${CHILD} (saved)`]);
  });

  it('answers a malformed stats request with the counts', async () => {
    const result = await server.connection.sendRequest(StatsRequest.method, 42);
    assert.ok(result && typeof result === 'object' && Array.isArray((result as StatsResult).analyses));
  });
});

describe('lsp: typing during a workspace pass', () => {
  let dir: string;
  let server: ServerProcess;

  before(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-busy-')));
    // One solution of many flows: a pass long enough that an editor types while it runs.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-workspace.mjs'), dir, '800', '20']);
    cpSync(path.join(FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-sends-input'), path.join(dir, 'invoices'), { recursive: true });
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gets hover answers and diagnostics for the flow being edited before the pass ends', async () => {
    server = ServerProcess.start('stdio');
    const running = server.progressReported(TITLE);
    const ended = server.progressEnded(TITLE);
    await server.initialize(dir, uri(dir), { progress: true });
    const run = await running;
    const passEnded = (): boolean => run.values.some((v) => v.kind === 'end');

    const file = path.join(dir, 'invoices', 'Workflows', PARENT);
    const text = readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    const line = lines.findIndex((l) => l.includes('"Run_a_Child_Flow": {'));
    const character = (lines[line] ?? '').indexOf('Run_a_Child_Flow');
    const opened = server.diagnostics(uri(file), () => true);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text } });
    for (let version = 2; version < 6; version++) {
      // A space before an earlier line, then taken away: the hover's line and column stay where they were.
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version }, contentChanges: [{ text: version % 2 === 0 ? indentLine(text, '"Get_items": {') : text }] });
      const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line, character } });
      assert.equal(passEnded(), false, 'the pass is still running');
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Run_a_Child_Flow/);
    }
    await opened;
    assert.equal(passEnded(), false, 'the buffer was linted while the pass ran');
    await ended;
  });
});
