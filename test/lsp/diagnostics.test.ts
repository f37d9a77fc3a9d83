import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { FIXTURES } from '../helpers/fixtures';
import { ServerProcess, type Transport } from './helpers/server-process';

const BLOCKED = 'dlp/blocked-connector';
const CONFIG = { policies: ['flows/policy.dlp.json'] };

/** A scratch workspace: flowguard.json naming the fixture policy, and the DLP fixtures under flows/. */
function makeWorkspace(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-')));
  cpSync(path.join(FIXTURES, 'dlp'), path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify(CONFIG, null, 2));
  return dir;
}

const uri = (file: string): string => pathToFileURL(file).href;
const has = (code: string) => (diagnostics: Diagnostic[]): boolean => diagnostics.some((d) => d.code === code);

function startSession(transport: Transport): { server: () => ServerProcess; dir: () => string } {
  let server: ServerProcess | undefined;
  let dir: string | undefined;
  before(async () => {
    dir = makeWorkspace();
    server = ServerProcess.start(transport);
    await server.initialize(dir, uri(dir));
  });
  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return { server: () => server!, dir: () => dir! };
}

describe('lsp: diagnostics over stdio', () => {
  const session = startSession('stdio');
  let flowFile: string;
  let flowUri: string;
  let text: string;
  let version = 1;

  const open = (file: string, content: string, languageId = 'json'): Promise<void> =>
    session.server().connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId, version: 1, text: content } });

  before(() => {
    flowFile = path.join(session.dir(), 'flows', 'blocked-connector', 'dropbox-action.json');
    flowUri = uri(flowFile);
    text = readFileSync(flowFile, 'utf8');
  });

  it('publishes a finding for an opened flow, with its docs page, facts and the policy entry', async () => {
    const published = session.server().diagnostics(flowUri, has(BLOCKED));
    await open(flowFile, text);
    const finding = (await published).find((d) => d.code === BLOCKED)!;
    assert.deepEqual(finding.range.start, { line: 74, character: 8 });
    assert.equal(finding.severity, DiagnosticSeverity.Error);
    assert.equal(finding.source, 'flowguard');
    assert.ok(finding.codeDescription?.href.endsWith('docs/rules/dlp/blocked-connector.md'), finding.codeDescription?.href);
    assert.deepEqual(finding.data, { ruleId: BLOCKED, flow: 'dropbox-action', action: 'Create_file', policy: 'Fixture policy', group: 'blocked' });
    const policyUri = uri(path.join(session.dir(), 'flows', 'policy.dlp.json'));
    assert.ok(finding.relatedInformation?.length, 'the blocking policy entry is related');
    assert.ok(finding.relatedInformation.every((r) => r.location.uri === policyUri), JSON.stringify(finding.relatedInformation));
  });

  it('turns JSON broken while typing into one parse error, and recovers when it is mended', async () => {
    const connection = session.server().connection;
    const atStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const broken = session.server().diagnostics(flowUri, has('parse-error'));
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: flowUri, version: ++version }, contentChanges: [{ range: atStart, text: '' }] });
    const parseError = await broken;
    assert.equal(parseError.length, 1, JSON.stringify(parseError));
    assert.equal(parseError[0]?.severity, DiagnosticSeverity.Error);
    assert.equal(parseError[0]?.source, 'flowguard');

    const mended = session.server().diagnostics(flowUri, has(BLOCKED));
    const insert = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: flowUri, version: ++version }, contentChanges: [{ range: insert, text: '{' }] });
    assert.deepEqual((await mended).find((d) => d.code === BLOCKED)?.range.start, { line: 74, character: 8 });
  });

  it('shows an invalid flowguard.json in that file and lints without it until it is fixed', async () => {
    const server = session.server();
    const configFile = path.join(session.dir(), 'flowguard.json');
    const configUri = uri(configFile);
    const invalid = JSON.stringify({ ...CONFIG, rules: { [BLOCKED]: 'loud' } }, null, 2);
    writeFileSync(configFile, invalid);

    const configError = server.diagnostics(configUri, has('config-error'));
    const withoutPolicy = server.diagnostics(flowUri, (d) => !has(BLOCKED)(d));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    const [error] = await configError;
    const loud = invalid.split('\n').findIndex((line) => line.includes('"loud"'));
    assert.equal(error?.range.start.line, loud);
    assert.equal(error?.severity, DiagnosticSeverity.Error);
    await withoutPolicy;

    writeFileSync(configFile, JSON.stringify(CONFIG, null, 2));
    const cleared = server.diagnostics(configUri, (d) => d.length === 0);
    const findingBack = server.diagnostics(flowUri, has(BLOCKED));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    await Promise.all([cleared, findingBack]);
  });

  it('checks an open flowguard.json as it is typed, unknown rule ids included, as the CLI does', async () => {
    const configFile = path.join(session.dir(), 'flowguard.json');
    const typed = JSON.stringify({ ...CONFIG, rules: { 'dlp/blocked-conector': 'off' } }, null, 2);
    const published = session.server().diagnostics(uri(configFile), has('config-error'));
    await open(configFile, typed);
    const [error] = await published;
    assert.equal(error?.range.start.line, typed.split('\n').findIndex((line) => line.includes('blocked-conector')));

    const cleared = session.server().diagnostics(uri(configFile), (d) => d.length === 0);
    await session.server().connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(configFile) } });
    await cleared;
  });

  it('shows a broken policy file in that file', async () => {
    const server = session.server();
    const policyFile = path.join(session.dir(), 'flows', 'policy.dlp.json');
    const policyUri = uri(policyFile);
    const good = readFileSync(policyFile, 'utf8');
    writeFileSync(policyFile, good.replace('"blocked": [', '"blocked": [,'));

    const broken = server.diagnostics(policyUri, has('config-error'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: policyUri, type: FileChangeType.Changed }] });
    const [error] = await broken;
    const line = good.split('\n').findIndex((l) => l.includes('"blocked"'));
    assert.equal(error?.range.start.line, line);

    writeFileSync(policyFile, good);
    const cleared = server.diagnostics(policyUri, (d) => d.length === 0);
    const findingBack = server.diagnostics(flowUri, has(BLOCKED));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: policyUri, type: FileChangeType.Changed }] });
    await Promise.all([cleared, findingBack]);
  });

  it('says nothing about JSON that is no flow, even when it is broken', async () => {
    const notes = path.join(session.dir(), 'notes.json');
    const published = session.server().diagnostics(uri(notes), () => true);
    await open(notes, '{ "todo": [1, 2', 'jsonc');
    assert.deepEqual(await published, []);
  });

  it('shows what the workspace pass found in the saved file once a flow is closed', async () => {
    const saved = session.server().diagnostics(flowUri, has(BLOCKED));
    await session.server().connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: flowUri } });
    await saved;
  });

  it('clears the diagnostics of a flow that was never saved when it is closed', async () => {
    const draft = uri(path.join(session.dir(), 'flows', 'draft.json'));
    const linted = session.server().diagnostics(draft, has(BLOCKED));
    await open(path.join(session.dir(), 'flows', 'draft.json'), text);
    await linted;
    const cleared = session.server().diagnostics(draft, (d) => d.length === 0);
    await session.server().connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: draft } });
    await cleared;
  });

  it('shuts down and exits with 0 when the client asks', async () => {
    assert.equal(await session.server().stop(), 0);
  });
});

describe('lsp: diagnostics over Node IPC (how VS Code starts the server)', () => {
  const session = startSession('ipc');

  it('publishes the same finding', async () => {
    const file = path.join(session.dir(), 'flows', 'blocked-connector', 'dropbox-action.json');
    const published = session.server().diagnostics(uri(file), has(BLOCKED));
    await session.server().connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: 'json', version: 1, text: readFileSync(file, 'utf8') },
    });
    assert.deepEqual((await published).find((d) => d.code === BLOCKED)?.range.start, { line: 74, character: 8 });
    assert.equal(await session.server().stop(), 0);
  });
});
