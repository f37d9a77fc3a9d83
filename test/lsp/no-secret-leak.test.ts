import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  LogMessageNotification,
  type Diagnostic,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver/node';
import { leakyFlow, leaks, NEAR_TOKEN, POLICY, SECRETS } from '../helpers/planted-secrets';
import { ServerProcess } from './helpers/server-process';

const uri = (file: string): string => pathToFileURL(file).href;

/** A position inside the first occurrence of `needle` (a few characters in). */
function positionOf(text: string, needle: string): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, 'the needle is in the text');
  return { line, character: lines[line]!.indexOf(needle) + 3 };
}

describe('lsp: no diagnostic or hover shows a planted secret; malformed requests get empty answers', function () {
  this.timeout(60_000);
  let dir: string;
  let server: ServerProcess;
  let flowUri: string;
  let text: string;
  const logged: string[] = [];

  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-leak-')));
    mkdirSync(path.join(dir, 'flows'));
    writeFileSync(path.join(dir, 'policy.dlp.json'), JSON.stringify(POLICY, null, 2));
    writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ policies: ['policy.dlp.json'], trustedDomains: ['*.contoso.com'] }, null, 2));
    text = JSON.stringify(leakyFlow(), null, 2);
    const file = path.join(dir, 'flows', 'leaky.json');
    writeFileSync(file, text);
    flowUri = uri(file);
    server = ServerProcess.start('stdio');
    server.connection.onNotification(LogMessageNotification.method, (p: { message: string }) => {
      logged.push(p.message);
    });
    await server.initialize(dir, uri(dir));
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the findings on the planted flow without any secret, in messages, related information or data', async () => {
    const published = server.diagnostics(flowUri, (d: Diagnostic[]) => d.some((x) => x.code === 'exfiltration/http-data-path') && d.some((x) => x.code === 'reliability/dangling-reference'));
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: flowUri, languageId: 'json', version: 1, text } });
    const diagnostics = await published;
    assert.ok(diagnostics.some((d) => d.code === 'dlp/endpoint-denied'));
    assert.deepEqual(leaks(JSON.stringify(diagnostics)), [], 'published diagnostics show part of a planted secret');
  });

  it('hovers on the URLs and on the secret-named actions without any secret', async () => {
    const named = [`"${SECRETS.nameKey}": {`, `"${SECRETS.nameToken}": {`, `body('${NEAR_TOKEN}`];
    for (const needle of ['sig=', '?code=', 'api_key=', 'svc:', 'access_token=', ...named]) {
      const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: flowUri }, position: positionOf(text, needle) });
      const shown = hover ? JSON.stringify(hover.contents) : '';
      assert.deepEqual(leaks(shown), [], `the hover at '${needle.slice(0, 6)}' shows part of a planted secret`);
      if (named.includes(needle)) assert.ok(shown.includes('…'), `the hover at '${needle.slice(0, 6)}' names the action, masked`);
    }
  });

  it('answers hover, definition, outline and code actions with bogus parameters, logs nothing, and keeps serving', async () => {
    const bogus = [
      () => server.connection.sendRequest(HoverRequest.method, { textDocument: { uri: flowUri }, position: null }),
      () => server.connection.sendRequest(HoverRequest.method, { textDocument: null, position: { line: 0, character: 0 } }),
      () => server.connection.sendRequest(HoverRequest.method, { textDocument: { uri: flowUri }, position: { line: -1, character: 'x' } }),
      () => server.connection.sendRequest(DefinitionRequest.method, { textDocument: { uri: 42 }, position: null }),
      () => server.connection.sendRequest(DocumentSymbolRequest.method, { textDocument: null }),
      () => server.connection.sendRequest(CodeActionRequest.method, { textDocument: { uri: flowUri }, range: null, context: { diagnostics: [null] } }),
      () => server.connection.sendRequest(CodeActionRequest.method, { textDocument: { uri: flowUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: null }),
    ];
    for (const request of bogus) {
      const answer: unknown = await request();
      assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `an empty answer, got ${JSON.stringify(answer)}`);
    }
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: flowUri }, position: positionOf(text, '"Get_items": {') });
    assert.match((hover?.contents as MarkupContent).value, /Get_items/, 'the server still answers');
    // Replies come in order after any log message a handler sent before answering.
    assert.deepEqual(logged.filter((m) => /failed|TypeError/.test(m)), []);
  });
});
