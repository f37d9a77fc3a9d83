import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver/node';
import { FIXTURES } from '../helpers/fixtures';
import { assertSameLineEndings, fixtureText, laidOut, type Layout } from '../helpers/fix-cases';
import { Editor } from './helpers/editor';

const uri = (file: string): string => pathToFileURL(file).href;
const FIX_ALL = 'source.fixAll.flowguard';
const has = (code: string) => (d: Diagnostic[]): boolean => d.some((x) => x.code === code);
const sameFinding = (a: Diagnostic) => (b: Diagnostic): boolean => a.code === b.code && JSON.stringify(a.data) === JSON.stringify(b.data);
/** Published diagnostics without the finding `d` was published for. */
const without = (d: Diagnostic) => (all: Diagnostic[]): boolean => !all.some(sameFinding(d));

function workspace(withConfig: boolean): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-fix-')));
  mkdirSync(path.join(dir, 'flows'));
  copyFileSync(path.join(FIXTURES, 'dlp', 'policy.dlp.json'), path.join(dir, 'flows', 'policy.dlp.json'));
  if (withConfig) writeFileSync(path.join(dir, 'flowguard.json'), `${JSON.stringify({ policies: ['flows/policy.dlp.json'] }, null, 2)}\n`);
  return dir;
}

/** Writes a fixture into the workspace as the editor will show it (no BOM: editors drop it). */
function place(dir: string, rel: string, layout: Layout, name = path.basename(rel)): { file: string; text: string } {
  const text = laidOut(fixtureText(rel), layout).replace(/^\uFEFF/, '');
  const file = path.join(dir, 'flows', name);
  writeFileSync(file, text);
  return { file, text };
}

const actionsOnly = (list: unknown[]): CodeAction[] => list.filter((a): a is CodeAction => CodeAction.is(a));

describe('lsp: code actions', () => {
  let dir: string;
  let editor: Editor;

  before(async () => {
    dir = workspace(true);
    editor = await Editor.start(uri(dir));
  });
  after(() => {
    editor?.server.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a fixture, applies the quick fix `title` picks for the first finding of `rule`, and waits for that finding to go. */
  async function quickFix(rel: string, rule: string, layout: Layout, title: RegExp): Promise<string> {
    const { file, text } = place(dir, rel, layout);
    const docUri = uri(file);
    const diagnostic = (await editor.openDocument(docUri, text, has(rule))).find((d) => d.code === rule)!;
    const actions = actionsOnly(await editor.codeActions(docUri, [diagnostic]));
    const fix = actions.find((a) => title.test(a.title));
    assert.ok(fix?.edit, `a quick fix matching ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const { texts } = await editor.apply(fix.edit, docUri, without(diagnostic));
    const fixed = texts.get(docUri)!;
    assert.doesNotThrow(() => JSON.parse(fixed));
    assertSameLineEndings(text, fixed);
    return fixed;
  }

  it('secures the outputs of a Key Vault action (one-line file stays one line)', async () => {
    const fixed = await quickFix('secrets/unsecured-secret/key-vault-unsecured-outputs.json', 'secrets/unsecured-secret', 'one line', /^Turn on secure outputs/);
    assert.match(fixed, /"secureData":\{"properties":\["outputs"\]\}/);
  });

  it('adds TimedOut to a catch handler (CRLF file keeps CRLF)', async () => {
    await quickFix('error-handling/incomplete-catch/failed-only.json', 'error-handling/incomplete-catch', 'CRLF with BOM', /^Also run after TimedOut$/);
  });

  it('restricts an anonymous HTTP trigger to the tenant', async () => {
    const fixed = await quickFix('exfiltration/anonymous-http-trigger/anyone.json', 'exfiltration/anonymous-http-trigger', 'as written', /^Restrict the trigger to users in my tenant$/);
    assert.match(fixed, /"triggerAuthenticationType": "Tenant"/);
  });

  it('adds a Catch scope to a flow with no failure path', async () => {
    const fixed = await quickFix('error-handling/no-failure-path/no-handler.json', 'error-handling/no-failure-path', 'as written', /^Add a Catch scope$/);
    assert.equal(JSON.parse(fixed).properties.definition.actions.Catch.type, 'Scope');
  });

  it('moves a hardcoded secret into a secure parameter, leaving it nowhere in the file', async () => {
    const fixed = await quickFix('secrets/hardcoded-secret/credential-headers.json', 'secrets/hardcoded-secret', 'CRLF with BOM', /^Move the secret into a secure parameter/);
    assert.ok(!fixed.includes('cb580fac27cd8995efeba9032050d09c'));
  });

  it('fixes all safe problems of a document at once, and nothing unsafe', async () => {
    const { file, text } = place(dir, 'secrets/hardcoded-secret/credential-headers.json', 'as written', 'fix-all.json');
    const docUri = uri(file);
    const before = await editor.openDocument(docUri, text, has('secrets/unsecured-secret'));
    const count = (all: Diagnostic[], code: string): number => all.filter((d) => d.code === code).length;
    assert.equal(count(before, 'secrets/unsecured-secret'), 4);
    const actions = actionsOnly(await editor.codeActions(docUri, [], [FIX_ALL]));
    assert.deepEqual(actions.map((a) => a.kind), [FIX_ALL]);
    const { texts, diagnostics } = await editor.apply(actions[0]!.edit!, docUri, (d) => !has('secrets/unsecured-secret')(d));
    assert.equal(count(diagnostics, 'secrets/hardcoded-secret'), count(before, 'secrets/hardcoded-secret'), 'unsafe fixes are left alone');
    assert.equal(count(diagnostics, 'error-handling/no-failure-path'), 1, 'unsafe fixes are left alone');
    assert.equal(texts.get(docUri)!.match(/"inputs"\n +\]/g)?.length, 4);
  });

  it('offers no fix-all when asked for quick fixes only', async () => {
    const { file, text } = place(dir, 'secrets/hardcoded-secret/credential-headers.json', 'as written', 'quick-only.json');
    const docUri = uri(file);
    const diagnostics = await editor.openDocument(docUri, text, has('secrets/unsecured-secret'));
    const kinds = new Set(actionsOnly(await editor.codeActions(docUri, diagnostics, [CodeActionKind.QuickFix])).map((a) => a.kind));
    assert.deepEqual([...kinds], [CodeActionKind.QuickFix]);
  });

  it('suppresses a finding with a note on its action', async () => {
    const { file, text } = place(dir, 'exfiltration/anonymous-http-trigger/legacy-no-setting.json', 'as written');
    const docUri = uri(file);
    const diagnostic = (await editor.openDocument(docUri, text, has('exfiltration/anonymous-http-trigger'))).find((d) => d.code === 'exfiltration/anonymous-http-trigger')!;
    const note = actionsOnly(await editor.codeActions(docUri, [diagnostic])).find((a) => a.title === `Suppress exfiltration/anonymous-http-trigger with a note on '${(diagnostic.data as { action: string }).action}'`);
    assert.ok(note?.edit);
    const { texts, diagnostics } = await editor.apply(note.edit, docUri, without(diagnostic));
    assert.match(texts.get(docUri)!, /"description": "flowguard-disable exfiltration\/anonymous-http-trigger -- TODO: why this is acceptable"/);
    assert.ok(!has('suppressions/missing-reason')(diagnostics));
  });

  it('suppresses a DLP finding in flowguard.json, keeping its layout, and opens the policy entry', async () => {
    const { file, text } = place(dir, 'dlp/blocked-connector/dropbox-action.json', 'as written');
    const docUri = uri(file);
    const configUri = uri(path.join(dir, 'flowguard.json'));
    const diagnostic = (await editor.openDocument(docUri, text, has('dlp/blocked-connector'))).find((d) => d.code === 'dlp/blocked-connector')!;
    const actions = actionsOnly(await editor.codeActions(docUri, [diagnostic]));

    const open = actions.find((a) => a.title === 'Open the policy entry');
    assert.equal(open?.command?.command, 'flowguard.openLocation');
    const related = diagnostic.relatedInformation?.[0]?.location;
    assert.deepEqual(open.command.arguments, [related?.uri, related?.range]);

    const suppress = actions.find((a) => a.title === "Suppress dlp/blocked-connector for 'Create_file' in flowguard.json");
    assert.ok(suppress?.edit);
    const { texts } = await editor.apply(suppress.edit, docUri, without(diagnostic));
    const config = texts.get(configUri)!;
    assert.deepEqual(JSON.parse(config).exceptions, [{ rule: 'dlp/blocked-connector', flow: 'dropbox-action', action: 'Create_file', reason: 'TODO: why this is acceptable' }]);
    assert.match(config, /\n  "exceptions": \[\n    \{\n      "rule"/);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'flowguard.json'), 'utf8')).policies, ['flows/policy.dlp.json']);
  });
});

describe("lsp: each finding's rule page", () => {
  let dir: string;
  let editor: Editor;

  before(async () => {
    dir = workspace(true);
    const config = { policies: ['flows/policy.dlp.json'], exceptions: [{ rule: 'error-handling/no-failure-path', flow: 'no-handler' }] };
    writeFileSync(path.join(dir, 'flowguard.json'), `${JSON.stringify(config, null, 2)}\n`);
    // The flow the exception is about: the workspace pass reports flowguard.json's own findings with it.
    place(dir, 'error-handling/no-failure-path/no-handler.json', 'as written');
    editor = await Editor.start(uri(dir));
  });
  after(() => {
    editor?.server.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const SHOW = 'flowguard.showRuleDocumentation';

  it('comes last among a flow finding\'s actions, as a command the client opens offline', async () => {
    const { file, text } = place(dir, 'dlp/blocked-connector/dropbox-action.json', 'as written');
    const docUri = uri(file);
    const diagnostic = (await editor.openDocument(docUri, text, has('dlp/blocked-connector'))).find((d) => d.code === 'dlp/blocked-connector')!;
    const actions = actionsOnly(await editor.codeActions(docUri, [diagnostic]));
    const last = actions[actions.length - 1];
    assert.equal(last?.title, 'Show documentation for dlp/blocked-connector');
    assert.equal(last.kind, CodeActionKind.QuickFix);
    assert.equal(last.edit, undefined);
    assert.deepEqual(last.command, { title: last.title, command: SHOW, arguments: ['dlp/blocked-connector'] });
    assert.deepEqual(last.diagnostics, [diagnostic]);
  });

  it('is offered on flowguard.json too, where it is the only action', async () => {
    const configUri = uri(path.join(dir, 'flowguard.json'));
    // What the workspace pass publishes for the saved file, which is no flow.
    const diagnostics = await editor.server.published(configUri, has('suppressions/missing-reason'));
    const diagnostic = diagnostics.find((d) => d.code === 'suppressions/missing-reason')!;
    const actions = actionsOnly(await editor.codeActions(configUri, [diagnostic]));
    assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [['Show documentation for suppressions/missing-reason', SHOW, ['suppressions/missing-reason']]]);
  });
});

describe('lsp: code actions without a flowguard.json', () => {
  let dir: string;
  let editor: Editor;

  before(async () => {
    dir = workspace(false);
    editor = await Editor.start(uri(dir));
  });
  after(() => {
    editor?.server.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates flowguard.json at the workspace root to hold the exception', async () => {
    const { file, text } = place(dir, 'error-handling/no-failure-path/no-handler.json', 'as written');
    const docUri = uri(file);
    const diagnostic = (await editor.openDocument(docUri, text, has('error-handling/no-failure-path'))).find((d) => d.code === 'error-handling/no-failure-path')!;
    const suppress = actionsOnly(await editor.codeActions(docUri, [diagnostic])).find((a) => a.title === "Suppress error-handling/no-failure-path for flow 'no-handler' in flowguard.json");
    assert.ok(suppress?.edit?.documentChanges);
    const configUri = uri(path.join(dir, 'flowguard.json'));
    assert.deepEqual(suppress.edit.documentChanges[0], { kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    const { texts } = await editor.apply(suppress.edit, docUri, without(diagnostic));
    assert.deepEqual(JSON.parse(texts.get(configUri)!), { exceptions: [{ rule: 'error-handling/no-failure-path', flow: 'no-handler', reason: 'TODO: why this is acceptable' }] });
  });
});

describe('lsp: code actions for a client without versioned document changes', () => {
  let dir: string;
  let editor: Editor;

  before(async () => {
    dir = workspace(false);
    editor = await Editor.start(uri(dir), { documentChanges: false });
  });
  after(() => {
    editor?.server.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends plain changes, and offers no exception it would need a new file for', async () => {
    const { file, text } = place(dir, 'error-handling/incomplete-catch/failed-only.json', 'as written');
    const docUri = uri(file);
    const diagnostic = (await editor.openDocument(docUri, text, has('error-handling/incomplete-catch'))).find((d) => d.code === 'error-handling/incomplete-catch')!;
    const actions = actionsOnly(await editor.codeActions(docUri, [diagnostic]));
    assert.deepEqual(actions.map((a) => a.title), ['Also run after TimedOut', "Suppress error-handling/incomplete-catch with a note on 'Catch'", 'Show documentation for error-handling/incomplete-catch']);
    const fix = actions[0]!;
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [docUri]);
    await editor.apply(fix.edit!, docUri, without(diagnostic));
  });
});
