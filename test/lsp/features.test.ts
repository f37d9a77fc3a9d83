import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  SymbolKind,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver/node';
import { copySamples, DROPBOX_FLOW, EXPENSE_FLOW, HELPDESK_ZIP } from '../helpers/samples';
import { ServerProcess } from './helpers/server-process';

const uri = (file: string): string => pathToFileURL(file).href;

/** Where `needle` first occurs in `text`, `shift` characters in (a position on it, not before it). */
function positionOf(text: string, needle: string, shift = 1): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} is in the text`);
  return { line, character: lines[line]!.indexOf(needle) + shift };
}

interface ConnectorsFlow {
  name: string;
  file: string;
  entry?: string;
  solution?: string;
  connectors: { id: string; name: string; group: string; groups: { policy: string; group: string; listed: boolean; label: string; reason: string }[]; actions: { name: string; kind: string }[] }[];
}

describe('lsp: hover, outline, definition and the connectors view', () => {
  let dir: string;
  let server: ServerProcess;
  const texts = new Map<string, string>();

  before(async () => {
    dir = copySamples('flowguard-lsp-features-');
    server = ServerProcess.start('stdio');
    await server.initialize(dir, uri(dir));
    for (const rel of [DROPBOX_FLOW, EXPENSE_FLOW]) {
      const file = path.join(dir, rel);
      const text = readFileSync(file, 'utf8');
      texts.set(rel, text);
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'json', version: 1, text } });
    }
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const hover = async (rel: string, needle: string, shift?: number): Promise<string> => {
    const result = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(path.join(dir, rel)) }, position: positionOf(texts.get(rel)!, needle, shift) });
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('hovers on the Dropbox action: its type, connector, operation, and Blocked under the tenant policy, with why', async () => {
    const text = await hover(DROPBOX_FLOW, '"Create_file_in_Dropbox": {');
    assert.match(text, /Create_file_in_Dropbox/);
    assert.match(text, /OpenApiConnection/);
    assert.match(text, /Dropbox.*shared_dropbox/);
    assert.match(text, /CreateFile/);
    assert.match(text, /\*\*Blocked\*\* under `Contoso Tenant Baseline`: policy 'Contoso Tenant Baseline' lists it as Blocked/);
  });

  it('hovers on where a step names its connector as on the step', async () => {
    assert.match(await hover(DROPBOX_FLOW, '"apiId": "/providers/Microsoft.PowerApps/apis/shared_dropbox"'), /\*\*Blocked\*\*/);
  });

  it("hovers on body('X') with the action it reads", async () => {
    const text = await hover(DROPBOX_FLOW, "@body('Get_file_content')", 3);
    assert.match(text, /body\('Get_file_content'\)/);
    assert.match(text, /action `Get_file_content`/);
  });

  it("hovers on variables('v') and items('Loop') with what they name", async () => {
    assert.match(await hover(EXPENSE_FLOW, "@variables('ApprovalOutcome')", 3), /variable `ApprovalOutcome`.*Initialize_ApprovalOutcome/);
    assert.match(await hover(EXPENSE_FLOW, "@items('Apply_to_each_receipt')", 3), /current item of action `Apply_to_each_receipt` \(`Foreach`\)/);
  });

  it('outlines a flow as a tree: trigger, scopes, condition branches, switch cases, a loop', async () => {
    const file = path.join(dir, EXPENSE_FLOW);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(file) } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [
      ['When_an_expense_claim_is_created', SymbolKind.Event],
      ['Initialize_ApprovalOutcome', SymbolKind.Function],
      ['Try', SymbolKind.Namespace],
      ['Catch', SymbolKind.Namespace],
    ]);
    const tryScope = symbols[2]!;
    const condition = tryScope.children?.find((s) => s.name === 'Check_amount_against_limit');
    assert.equal(condition?.kind, SymbolKind.Module);
    assert.deepEqual(condition?.children?.map((b) => [b.name, b.children?.map((s) => s.name)]), [
      ['True', ['Start_finance_approval', 'Set_outcome_from_finance']],
      ['False', ['Start_manager_approval', 'Set_outcome_from_manager']],
    ]);
    const cases = tryScope.children?.find((s) => s.name === 'Switch_on_outcome')?.children?.map((c) => c.name);
    assert.deepEqual(cases, ['Case Approved', 'Case Rejected', 'Default']);
    const text = texts.get(EXPENSE_FLOW)!;
    assert.deepEqual(tryScope.selectionRange.start, positionOf(text, '"Try": {', 0));
  });

  it("goes from body('X') to the name key of step X", async () => {
    const file = path.join(dir, DROPBOX_FLOW);
    const text = texts.get(DROPBOX_FLOW)!;
    const result = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(file) }, position: positionOf(text, "@body('Get_file_content')", 8) })) as Location;
    assert.equal(result.uri, uri(file));
    const key = positionOf(text, '"Get_file_content": {', 0);
    assert.deepEqual(result.range, { start: key, end: { line: key.line, character: key.character + '"Get_file_content"'.length } });
  });

  it("goes from items('Loop') to the loop, and from a runAfter key to the step", async () => {
    const file = path.join(dir, EXPENSE_FLOW);
    const text = texts.get(EXPENSE_FLOW)!;
    const definition = async (needle: string, shift: number) =>
      ((await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(file) }, position: positionOf(text, needle, shift) })) as Location | null)?.range.start;
    assert.deepEqual(await definition("@items('Apply_to_each_receipt')", 10), positionOf(text, '"Apply_to_each_receipt": {', 0));
    assert.deepEqual(await definition("@variables('ApprovalOutcome')", 14), positionOf(text, '"name": "ApprovalOutcome"', 8));
  });

  it('returns every flow of the workspace with its connectors, Dropbox Blocked, zipped flows on their archive', async () => {
    const { flows } = await server.connection.sendRequest<{ flows: ConnectorsFlow[] }>('flowguard/connectors', {});
    const names = flows.map((f) => f.name);
    for (const name of ['Backup receipts to Dropbox', 'Expense approval', 'Escalate ticket', 'Send travel request to the travel desk']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const backup = flows.find((f) => f.name === 'Backup receipts to Dropbox')!;
    assert.equal(backup.file, uri(path.join(dir, DROPBOX_FLOW)));
    assert.equal(backup.solution, 'ContosoExpenses');
    const dropbox = backup.connectors.find((c) => c.id === 'shared_dropbox');
    assert.equal(dropbox?.group, 'blocked');
    assert.deepEqual(dropbox?.groups.map(({ policy, group, listed, label }) => ({ policy, group, listed, label })), [{ policy: 'Contoso Tenant Baseline', group: 'blocked', listed: true, label: 'Blocked' }]);
    assert.match(dropbox?.groups[0]?.reason ?? '', /lists it as Blocked/);
    assert.deepEqual(dropbox?.actions.map((a) => [a.name, a.kind]), [['Create_file_in_Dropbox', 'action']]);
    const escalate = flows.find((f) => f.name === 'Escalate ticket')!;
    assert.equal(escalate.file, uri(path.join(dir, HELPDESK_ZIP)));
    assert.match(escalate.entry ?? '', /^Workflows\/Escalateticket-/);
  });

  it('returns the flows of one file when asked for its URI', async () => {
    const file = uri(path.join(dir, HELPDESK_ZIP));
    const { flows } = await server.connection.sendRequest<{ flows: ConnectorsFlow[] }>('flowguard/connectors', { uri: file });
    assert.deepEqual(flows.map((f) => f.name).sort(), ['Create ticket from email', 'Escalate ticket']);
    assert.ok(flows.every((f) => f.file === file));
  });
});
