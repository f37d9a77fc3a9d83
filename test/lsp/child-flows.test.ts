import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { FIXTURES } from '../helpers/fixtures';
import { ServerProcess } from './helpers/server-process';

const uri = (file: string): string => pathToFileURL(file).href;
const DATA_PATH = 'exfiltration/http-data-path';
const TITLE = 'FlowGuard: linting workspace';

/** Two solutions from the rule fixtures: a parent passing SharePoint items to a child that posts them, and a child returning Dataverse rows that its parent posts. */
const INVOICES = { folder: 'invoices', parent: 'Syncinvoicesnightly-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json', child: 'HELPERPosttocollector-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json' };
const ACCOUNTS = { folder: 'accounts', parent: 'Publishaccountlist-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json', child: 'HELPERListaccounts-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json' };

function dataPathAt(action: string) {
  return (diagnostics: Diagnostic[]): boolean => diagnostics.some((d) => d.code === DATA_PATH && (d.data as { action?: string } | undefined)?.action === action);
}

function noDataPath(diagnostics: Diagnostic[]): boolean {
  return !diagnostics.some((d) => d.code === DATA_PATH);
}

interface ChildFlowsView {
  name: string;
  childFlows?: { action: string; workflowId: string; child?: { name: string; file: string } }[];
}

describe('lsp: data paths across child flows', () => {
  let dir: string;
  let server: ServerProcess;
  const file = (solution: typeof INVOICES, which: 'parent' | 'child'): string => path.join(dir, solution.folder, 'Workflows', solution[which]);
  let version = 1;

  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-child-')));
    cpSync(path.join(FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-sends-input'), path.join(dir, INVOICES.folder), { recursive: true });
    cpSync(path.join(FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-returns-rows'), path.join(dir, ACCOUNTS.folder), { recursive: true });
    server = ServerProcess.start('stdio');
    const firstPass = server.progressEnded(TITLE);
    await server.initialize(dir, uri(dir), { progress: true });
    await firstPass;
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const open = (f: string, text: string) => server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(f), languageId: 'json', version: ++version, text } });
  const edit = (f: string, text: string) => server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(f), version: ++version }, contentChanges: [{ text }] });
  const close = (f: string) => server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(f) } });

  it("publishes the child's finding, with the parent's steps as related information in the parent's file", async () => {
    const child = file(INVOICES, 'child');
    const [finding] = (await server.published(uri(child), dataPathAt('Send_to_collector'))).filter((d) => d.code === DATA_PATH);
    assert.ok(finding);
    assert.equal((finding.data as { source?: string }).source, 'Get_items');
    const files = (finding.relatedInformation ?? []).map((r) => r.location.uri);
    assert.ok(files.includes(uri(file(INVOICES, 'parent'))), 'a hop is in the parent');
    assert.ok(files.includes(uri(child)), 'a hop is in the child');
    assert.match(finding.relatedInformation?.[1]?.message ?? '', /passed to child flow 'HELPER - Post to collector' by 'Run_a_Child_Flow' \(input 'text'\)/);
  });

  it("editing the parent republishes the child's finding, and closing it brings back the saved one", async () => {
    const parent = file(INVOICES, 'parent');
    const child = uri(file(INVOICES, 'child'));
    const saved = readFileSync(parent, 'utf8');
    const gone = server.diagnostics(child, noDataPath);
    await open(parent, saved.replace("\"@{body('Get_items')?['value']}\"", '"nothing from SharePoint"'));
    await gone;
    const back = server.diagnostics(child, dataPathAt('Send_to_collector'));
    await close(parent);
    await back;
  });

  it("editing the child republishes the parent's finding, both ways", async () => {
    const child = file(ACCOUNTS, 'child');
    const parent = uri(file(ACCOUNTS, 'parent'));
    await server.published(parent, dataPathAt('Send_accounts'));
    const saved = readFileSync(child, 'utf8');
    await open(child, saved);
    const gone = server.diagnostics(parent, noDataPath);
    await edit(child, saved.replace("\"@{body('List_rows')?['value']}\"", '"no rows"'));
    await gone;
    const back = server.diagnostics(parent, dataPathAt('Send_accounts'));
    await edit(child, saved);
    const [finding] = (await back).filter((d) => d.code === DATA_PATH);
    assert.ok(finding?.relatedInformation?.some((r) => r.location.uri === uri(child)), "the child's steps are related information");
    await close(child);
  });

  it("an open child whose parent changes on disk (a pull, another editor) shows what the new parent passes", async () => {
    const parent = file(INVOICES, 'parent');
    const child = file(INVOICES, 'child');
    const saved = readFileSync(parent, 'utf8');
    // The child open and unchanged: its buffer is what the pass reads from disk.
    const opened = server.diagnostics(uri(child), dataPathAt('Send_to_collector'));
    await open(child, readFileSync(child, 'utf8'));
    await opened;
    const changed = async (text: string): Promise<void> => {
      writeFileSync(parent, text);
      await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(parent), type: FileChangeType.Changed }] });
    };
    try {
      const gone = server.diagnostics(uri(child), noDataPath);
      await changed(saved.replace("\"@{body('Get_items')?['value']}\"", '"nothing from SharePoint"'));
      await gone;
      const back = server.diagnostics(uri(child), dataPathAt('Send_to_collector'));
      await changed(saved);
      await back;
    } finally {
      writeFileSync(parent, saved);
      await close(child);
    }
  });

  it('hovers on a "Run a Child Flow" action with the child flow it runs and its inputs', async () => {
    const parent = file(INVOICES, 'parent');
    const text = readFileSync(parent, 'utf8');
    await open(parent, text);
    const lines = text.split(/\r?\n/);
    const line = lines.findIndex((l) => l.includes('"Run_a_Child_Flow": {'));
    const result = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(parent) }, position: { line, character: lines[line]!.indexOf('Run') + 1 } });
    const value = (result?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /Runs child flow \*\*HELPER - Post to collector\*\*/);
    assert.match(value, /takes `text`, `text_1`/);
    await close(parent);
  });

  it('lists the child flow each parent runs in the connectors view, with its file', async () => {
    const { flows } = await server.connection.sendRequest<{ flows: ChildFlowsView[] }>('flowguard/connectors', {});
    const parent = flows.find((f) => f.name === 'Sync invoices nightly');
    assert.deepEqual(parent?.childFlows?.map((c) => [c.action, c.workflowId, c.child?.name, c.child?.file]), [
      ['Run_a_Child_Flow', '5b8d3f21-3b1d-ee11-9cbe-0022480a1f31', 'HELPER - Post to collector', uri(file(INVOICES, 'child'))],
    ]);
    assert.equal(flows.find((f) => f.name === 'HELPER - Post to collector')?.childFlows, undefined, 'a flow that runs no child flow lists none');
  });
});
