import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  CodeActionRequest,
  DefinitionRequest,
} from 'vscode-languageserver/node';
import { ServerProcess } from '../lsp/helpers/server-process';
import { FLOW_NAME, flowJson, flowWithSecret } from './helpers/flows';
import { secretPieces } from './helpers/run';

/** How long one request may take before the server counts as hung. */
const ANSWER_MS = 20_000;

function answered<T>(what: string, request: Promise<T>): Promise<T | Error> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS);
  });
  // A ResponseError is an answer; only silence is a failure.
  return Promise.race([request.then((r) => r, (e: unknown) => (e instanceof Error ? e : new Error(String(e)))), deadline]).finally(() => clearTimeout(timer));
}

const STACK = /^ {4}at |RangeError|TypeError|Maximum call stack/m;

describe('hostile input: the language server over stdio', function () {
  this.timeout(ANSWER_MS * 4);
  let dir: string;
  let server: ServerProcess;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-hostile-lsp-'));
    const put = (rel: string, text: string | Buffer): void => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    // The workspace itself is hostile, as an untrusted folder may be.
    put('flowguard.json', JSON.stringify({ ignore: [`${'*a'.repeat(40)}*b`, '*'.repeat(5_000)], exceptions: [{ rule: '*', file: `${'*a'.repeat(40)}*b`, reason: 'x' }] }));
    put(FLOW_NAME, flowWithSecret());
    put('Workflows/Nest-1C1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json', `{"properties":{"definition":{"triggers":{},"actions":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`);
    put(`${'a'.repeat(200)}.json`, flowWithSecret());
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [path.join(dir, 'Workflows/Fifo-2C1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json')]);
      symlinkSync('/dev/zero', path.join(dir, 'Workflows/Zero-3C1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json'));
      symlinkSync('.', path.join(dir, 'loop'));
    }
    server = ServerProcess.start('stdio');
    await answered('initialize', server.initialize(dir, pathToFileURL(dir).href));
  });

  after(async () => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers after broken JSON at every keystroke, a 20 MB document, bogus positions and unknown URIs', async () => {
    const uri = pathToFileURL(path.join(dir, 'Workflows/Typed-4C1E2C9A-9B2D-EE11-9CBE-0022480A1F31.json')).href;
    const text = flowWithSecret();
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: '' } });
    // Every prefix a typist would pass through, sent without waiting, as an editor does.
    let version = 1;
    for (let end = 0; end <= text.length; end += 7) {
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ text: text.slice(0, end) }] });
    }
    const huge = flowWithSecret({ Big: { runAfter: {}, type: 'Compose', inputs: 'x'.repeat(20 * 1024 * 1024) } });
    const hugeLinted = server.diagnostics(uri, (d) => d.length > 0 && !d.some((x) => /JSON/.test(String(x.message))));
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ text: huge }] });
    const hugeDiagnostics = await hugeLinted;

    const bogus = [{ line: 1e9, character: 1e9 }, { line: -1, character: -5 }, { line: 0.5, character: Number.MAX_SAFE_INTEGER }];
    const unknown = 'file:///no/such/folder/x.json';
    const replies: (unknown | Error)[] = [];
    for (const target of [uri, unknown, 'untitled:Untitled-1', 'not a uri']) {
      for (const position of bogus) {
        replies.push(await answered('hover', server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: target }, position })));
        replies.push(await answered('definition', server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: target }, position })));
        replies.push(await answered('codeAction', server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: target }, range: { start: position, end: position }, context: { diagnostics: [] } })));
      }
      replies.push(await answered('documentSymbol', server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: target } })));
    }
    const timeouts = replies.filter((r) => r instanceof Error && /no answer/.test(r.message));
    assert.deepEqual(timeouts, []);

    // Back to a small flow: it is linted and its diagnostics published, so the server is still working.
    const published = server.diagnostics(uri, (d) => !d.some((x) => x.code === 'secrets/hardcoded-secret'));
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ text: flowJson({ Only: { runAfter: {}, type: 'Compose', inputs: 'x' } }) }] });
    const diagnostics = await published;
    assert.equal(server.child.exitCode, null, 'the server exited');

    const everything = `${JSON.stringify(hugeDiagnostics)}\n${JSON.stringify(diagnostics)}\n${JSON.stringify(replies)}\n${server.stderr.join('')}`;
    assert.equal(STACK.exec(everything)?.[0], undefined, `a stack trace: ${everything.slice(0, 2000)}`);
    const leak = secretPieces(false).find((p) => everything.includes(p));
    assert.equal(leak, undefined, 'a piece of a planted secret in what the server sent');
  });

  it('stays up when flowguard.json names /dev/zero, a FIFO and a 100,000-character glob', async function () {
    if (process.platform === 'win32') this.skip();
    const other = mkdtempSync(path.join(tmpdir(), 'flowguard-hostile-lsp2-'));
    execFileSync('mkfifo', [path.join(other, 'fifo.json')]);
    writeFileSync(path.join(other, 'flowguard.json'), JSON.stringify({ policies: ['/dev/zero', 'fifo.json', `${'*'.repeat(100_000)}.json`] }));
    const second = ServerProcess.start('stdio');
    try {
      await answered('initialize', second.initialize(other, pathToFileURL(other).href));
      const uri = pathToFileURL(path.join(other, FLOW_NAME)).href;
      const published = second.diagnostics(uri, () => true);
      await second.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: flowWithSecret() } });
      await answered('diagnostics', published);
      const symbols = await answered('documentSymbol', second.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
      assert.ok(!(symbols instanceof Error && /no answer/.test(symbols.message)));
      assert.equal(second.child.exitCode, null, 'the server exited');
      assert.equal(STACK.exec(second.stderr.join(''))?.[0], undefined, second.stderr.join('').slice(0, 2000));
    } finally {
      second.kill();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
