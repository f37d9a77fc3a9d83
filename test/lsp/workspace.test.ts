import * as assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  FileChangeType,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { copySamples, DROPBOX_FLOW, dropboxOnlyInSolution, HELPDESK_ZIP, SAMPLES } from '../helpers/samples';
import { ServerProcess, type ProgressRun } from './helpers/server-process';

const TITLE = 'FlowGuard: linting workspace';
const BLOCKED = 'dlp/blocked-connector';
const uri = (file: string): string => pathToFileURL(file).href;
const has = (code: string) => (diagnostics: Diagnostic[]): boolean => diagnostics.some((d) => d.code === code);

describe('lsp: the workspace pass', () => {
  let dir: string;
  let server: ServerProcess;
  let firstPass: Promise<ProgressRun>;

  before(async () => {
    dir = copySamples('flowguard-lsp-ws-');
    server = ServerProcess.start('stdio');
    firstPass = server.progressEnded(TITLE);
    await server.initialize(dir, uri(dir), { progress: true, dynamicWatchers: true });
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const changed = (file: string, type: FileChangeType): Promise<void> =>
    server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(file), type }] });

  it('reports progress from begin to end, folder and archives with a percentage, and the counts at the end', async () => {
    const { values } = await firstPass;
    const [begin, ...rest] = values;
    const end = rest.pop();
    assert.equal(begin?.kind, 'begin');
    assert.equal(begin?.kind === 'begin' && begin.title, TITLE);
    assert.equal(end?.kind, 'end');
    assert.match((end?.kind === 'end' && end.message) || '', /\d+ flows? in \d+ files?: \d+ errors?/);
    const reports = rest.flatMap((v) => (v.kind === 'report' ? [v] : []));
    assert.deepEqual(reports.map((r) => r.message).slice(1).sort(), ['ContosoTravelRequest_20240315.zip', HELPDESK_ZIP]);
    const percentages = reports.map((r) => r.percentage ?? -1);
    assert.deepEqual([...percentages].sort((a, b) => a - b), percentages, 'percentages only grow');
    assert.ok(percentages.every((p) => p >= 0 && p <= 100), JSON.stringify(percentages));
  });

  it('registers a watcher for the files a pass reads', () => {
    const watchers = server.registrations.filter((r) => r.method === DidChangeWatchedFilesNotification.method);
    assert.deepEqual(watchers.map((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers[0]?.globPattern), ['**/*.{json,xml,zip}']);
  });

  it('publishes the findings of files nobody opened: a flow, and an environment variable in XML', async () => {
    const flow = await server.published(uri(path.join(dir, DROPBOX_FLOW)), has(BLOCKED));
    assert.equal(flow.find((d) => d.code === BLOCKED)?.severity, DiagnosticSeverity.Error);
    const variable = path.join(dir, 'ContosoExpenses', 'src', 'environmentvariabledefinitions', 'contoso_PartnerGatewayKey', 'environmentvariabledefinition.xml');
    await server.published(uri(variable), has('secrets/plaintext-secret-variable'));
  });

  it('reports a finding inside a zip on the archive, at its start, naming the entry and position', async () => {
    const diagnostics = await server.published(uri(path.join(dir, HELPDESK_ZIP)), has('dlp/blocked-action'));
    const blocked = diagnostics.find((d) => d.code === 'dlp/blocked-action')!;
    assert.deepEqual(blocked.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(typeof blocked.message, 'string');
    assert.match(blocked.message as string, /^Workflows\/Escalateticket-3E6F9021-4C6A-EE11-8DF0-000D3A5C7E21\.json:\d+:\d+: /);
    const data = blocked.data as Record<string, unknown>;
    assert.equal(data.flow, 'Escalate ticket');
    assert.equal(data.action, 'Find_on-call_engineer');
  });

  it('reports an unreadable flow on that file when it appears, and clears it when it goes', async () => {
    const broken = path.join(dir, 'ContosoExpenses', 'src', 'Workflows', 'Broken-1A2B3C4D-9B2D-EE11-9CBE-0022480A1F31.json');
    writeFileSync(broken, '{"properties": {"definition": {"triggers": {');
    const reported = server.diagnostics(uri(broken), has('parse-error'));
    await changed(broken, FileChangeType.Created);
    const [problem] = await reported;
    assert.equal(problem?.severity, DiagnosticSeverity.Error);

    unlinkSync(broken);
    const cleared = server.diagnostics(uri(broken), (d) => d.length === 0);
    await changed(broken, FileChangeType.Deleted);
    await cleared;
  });

  it('clears an archive whose findings are gone when it is deleted', async () => {
    const zip = path.join(dir, HELPDESK_ZIP);
    const kept = readFileSync(zip);
    unlinkSync(zip);
    const cleared = server.diagnostics(uri(zip), (d) => d.length === 0);
    await changed(zip, FileChangeType.Deleted);
    await cleared;

    writeFileSync(zip, kept);
    const back = server.diagnostics(uri(zip), has('dlp/blocked-action'));
    await changed(zip, FileChangeType.Created);
    await back;
  });

  it('lints an open flow inside a solution with the connection references of that solution, as the CLI does', async () => {
    const file = path.join(dir, DROPBOX_FLOW);
    const text = dropboxOnlyInSolution(readFileSync(file, 'utf8'));
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('"Create_file_in_Dropbox": {'));
    const onDisk = server.diagnostics(uri(file), (d) => d.some((x) => x.code === BLOCKED && x.range.start.line === line));
    await changed(file, FileChangeType.Changed);
    await onDisk;

    // One line more at the top: the blocked finding moves down one line only if the buffer itself was linted.
    const live = server.diagnostics(uri(file), (d) => d.some((x) => x.code === BLOCKED && x.range.start.line === line + 1));
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text: `\n${text}` } });
    await live;
  });

  it('lints the workspace on the server command, and says when a pass has ended', async () => {
    const ended = server.progressEnded(TITLE);
    const linted = new Promise<void>((resolve) => server.connection.onNotification('flowguard/workspaceLinted', () => resolve()));
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'flowguard.server.lintWorkspace', arguments: [] });
    await Promise.all([ended, linted]);
  });
});

describe('lsp: the workspace pass in a folder holding projects of its own', () => {
  let dir: string;
  let server: ServerProcess;

  before(async () => {
    // The workspace's flowguard.json names no policy; samples/ below it has its own, naming the tenant's policy.
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-nested-')));
    cpSync(SAMPLES, path.join(dir, 'samples'), { recursive: true });
    writeFileSync(path.join(dir, 'flowguard.json'), '{}');
    mkdirSync(path.join(dir, 'loose'));
    copyFileSync(path.join(SAMPLES, DROPBOX_FLOW), path.join(dir, 'loose', 'dropbox.json'));
    server = ServerProcess.start('stdio');
    const pass = server.progressEnded(TITLE);
    await server.initialize(dir, uri(dir), { progress: true });
    await pass;
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lints each folder with the flowguard.json its files find, as their open documents are', async () => {
    await server.published(uri(path.join(dir, 'samples', DROPBOX_FLOW)), has(BLOCKED));
    await server.published(uri(path.join(dir, 'samples', HELPDESK_ZIP)), has('dlp/blocked-action'));
    const loose = await server.published(uri(path.join(dir, 'loose', 'dropbox.json')), (d) => d.length > 0);
    assert.ok(!has(BLOCKED)(loose), 'the workspace flowguard.json names no policy, so nothing is blocked');
  });

  it('starts a pass when a client without file watchers saves a file', async () => {
    // Changed behind the server's back: only a pass can see it.
    const broken = path.join(dir, 'loose', 'broken.json');
    writeFileSync(broken, '{"properties": {"definition": {"triggers": {');
    const reported = server.diagnostics(uri(broken), has('parse-error'));
    const saved = path.join(dir, 'loose', 'dropbox.json');
    const textDocument = { uri: uri(saved), languageId: 'json', version: 1, text: readFileSync(saved, 'utf8') };
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument });
    await server.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: textDocument.uri } });
    await reported;
  });

  it('lists each flow once, though the folders nest', async () => {
    const { flows } = await server.connection.sendRequest<{ flows: { name: string; file: string }[] }>('flowguard/connectors', {});
    const backups = flows.filter((f) => f.name === 'Backup receipts to Dropbox' || f.file.endsWith('/loose/dropbox.json'));
    assert.deepEqual(backups.map((f) => f.file).sort(), [uri(path.join(dir, 'loose', 'dropbox.json')), uri(path.join(dir, 'samples', DROPBOX_FLOW))].sort());
  });
});
