import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, type Diagnostic } from 'vscode-languageserver/node';
import { REPARSE_MIN_CHARS } from '../../server/document-flows';
import { ROOT } from '../helpers/fixtures';
import { ServerProcess } from './helpers/server-process';

// A large flow is reparsed at each edit from the tree of its last version (server/document-flows.ts,
// core/artifacts/json-reparse.ts). What the maker sees must be what a fresh open of the same text
// shows: after each edit of a chain (a space, a retyped value, a renamed action, JSON broken and
// mended), the edited buffer's diagnostics are those of a second buffer opened with its text.

const uri = (file: string): string => pathToFileURL(file).href;

describe('lsp: edits of a large flow show what a fresh open of the same text shows', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ServerProcess;
  let file: string;
  let twin: string;
  let text: string;
  let version = 1;

  before(async () => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-large-')));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-workspace.mjs'), dir, '1', '520']);
    cpSync(path.join(ROOT, 'samples', 'policies'), path.join(dir, 'policies'), { recursive: true });
    writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ policies: ['policies/*.json'] }));
    const workflows = path.join(dir, 'src', 'Workflows');
    file = path.join(workflows, readdirSync(workflows)[0] as string);
    // The same flow name (the file's, less its GUID), so that messages name it alike.
    twin = path.join(workflows, `${path.basename(file).split('-')[0]}-6E1F0C3A-9B2D-EE11-9CBE-0000000000FF.json`);
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    assert.ok(text.length >= REPARSE_MIN_CHARS, `the flow is large enough to be reparsed (${text.length} characters)`);
    server = ServerProcess.start('stdio');
    await server.initialize(dir, uri(dir));
    const opened = server.diagnostics(uri(file), () => true);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version, text } });
    await opened;
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The diagnostics of `text` opened fresh in another buffer, as the edited buffer would show them. */
  async function fresh(content: string): Promise<Diagnostic[]> {
    const published = server.diagnostics(uri(twin), () => true);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(twin), languageId: 'json', version: 1, text: content } });
    const diagnostics = await published;
    // Closed, its diagnostics are cleared: waited for, so that the next open's are not taken for them.
    const cleared = server.diagnostics(uri(twin), (d) => d.length === 0);
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(twin) } });
    await cleared;
    return JSON.parse(JSON.stringify(diagnostics).split(uri(twin)).join(uri(file))) as Diagnostic[];
  }

  async function editTo(content: string): Promise<Diagnostic[]> {
    const published = server.diagnostics(uri(file), () => true);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version: ++version }, contentChanges: [{ text: content }] });
    text = content;
    return published;
  }

  const middle = (): number => text.indexOf('\n', text.length >> 1) + 1;

  it('a space at the start of a middle line', async () => {
    const at = middle();
    const shown = await editTo(`${text.slice(0, at)} ${text.slice(at)}`);
    assert.ok(shown.length > 0, 'the flow has findings');
    assert.deepEqual(shown, await fresh(text));
  });

  it('an endpoint retyped in the middle of the flow', async () => {
    const at = text.indexOf('https://api', middle());
    const shown = await editTo(`${text.slice(0, at)}https://exfil.example.net/${text.slice(at + 'https://'.length)}`);
    assert.deepEqual(shown, await fresh(text));
  });

  it('an action renamed where others refer to it', async () => {
    const name = /"(Step_\d+)": \{/.exec(text.slice(middle()))?.[1] as string;
    const shown = await editTo(text.split(`"${name}"`).join(`"${name}_renamed"`));
    assert.deepEqual(shown, await fresh(text));
  });

  it('a secret typed into an action in the middle, then taken out again', async () => {
    const secretRule = (diagnostics: Diagnostic[]): number => diagnostics.filter((d) => d.code === 'secrets/hardcoded-secret').length;
    const at = text.indexOf('"method": "POST"', middle());
    const withSecret = `${text.slice(0, at)}"headers": { "x-api-key": "NlIrTtfkbSh2Cde2wioVMEuUYMjPeFXs" }, ${text.slice(at)}`;
    const without = text;
    const shown = await editTo(withSecret);
    assert.equal(secretRule(shown), secretRule(await fresh(without)) + 1, 'the typed secret is reported');
    assert.deepEqual(shown, await fresh(text));
    const after = await editTo(without);
    assert.deepEqual(after, await fresh(text));
    // An edit elsewhere keeps the finding where it is, moved with its line.
    await editTo(withSecret);
    const moved = await editTo(`${text.slice(0, middle() - 200)} ${text.slice(middle() - 200)}`);
    assert.equal(secretRule(moved), secretRule(await fresh(without)) + 1);
    assert.deepEqual(moved, await fresh(text));
  });

  it('an edit before a dangling reference and a malformed expression moves both with their lines', async () => {
    const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));
    // In a step near the end, so that the edits below come before it.
    const at = text.lastIndexOf('"inputs": {') + '"inputs": {'.length;
    const probed = await editTo(`${text.slice(0, at)} "probe": "@body('No_such_step')?['value']", "probe2": "x @{concat('a'", ${text.slice(at)}`);
    assert.ok(codes(probed).includes('reliability/dangling-reference'), JSON.stringify(codes(probed)));
    assert.ok(codes(probed).includes('reliability/malformed-expression'), JSON.stringify(codes(probed)));
    assert.deepEqual(probed, await fresh(text));
    // Characters on a line of their own, then whole lines, before the step: its expressions are
    // kept from the last version, moved.
    const moved = await editTo(`${text.slice(0, middle())}   ${text.slice(middle())}`);
    assert.deepEqual(moved, await fresh(text));
    const early = text.indexOf('\n', 1000) + 1;
    const lines = await editTo(`${text.slice(0, early)}\n\n${text.slice(early)}`);
    assert.deepEqual(lines, await fresh(text));
    const back = await editTo(`${text.slice(0, early)}${text.slice(early + 2)}`);
    assert.deepEqual(back, await fresh(text));
  });

  it('JSON broken while typing, then mended', async () => {
    const at = text.indexOf('"OpenApiConnection"', middle());
    const broken = await editTo(`${text.slice(0, at)}${text.slice(at + 1)}`);
    assert.ok(broken.some((d) => d.code === 'parse-error'), JSON.stringify(broken.map((d) => d.code)));
    assert.deepEqual(broken, await fresh(text));
    const mended = await editTo(`${text.slice(0, at)}"${text.slice(at)}`);
    assert.ok(!mended.some((d) => d.code === 'parse-error'));
    assert.deepEqual(mended, await fresh(text));
  });

  it('a run of small edits, each from the tree the last one left', async () => {
    for (let i = 0; i < 6; i++) {
      const at = middle() + i * 97;
      await editTo(i % 2 === 0 ? `${text.slice(0, at)}  ${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 1)}`);
    }
    const shown = await editTo(text.replace('"GetItems"', '"GetItemsNow"'));
    assert.deepEqual(shown, await fresh(text));
  });
});
