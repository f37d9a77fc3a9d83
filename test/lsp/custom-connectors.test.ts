import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, HoverRequest, type MarkupContent } from 'vscode-languageserver/node';
import { FIXTURES } from '../helpers/fixtures';
import { ServerProcess } from './helpers/server-process';

const uri = (file: string): string => pathToFileURL(file).href;
const FLOW = path.join('Workflows', 'Syncorderstopartner-AD514F7E-9B2D-EE11-9CBE-0022480A1F31.json');

interface ConnectorsFlow {
  name: string;
  connectors: { id: string; name: string; custom?: { title: string; host?: string; logicalName?: string } }[];
}

describe('lsp: custom connectors in the editor', () => {
  let dir: string;
  let server: ServerProcess;
  let text: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-lsp-custom-'));
    // An unpacked solution whose flow sends SharePoint items through a custom connector.
    cpSync(path.join(FIXTURES, 'exfiltration', 'http-data-path', 'custom-connector-untrusted-host'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ trustedDomains: ['*.contoso.com'] }));
    server = ServerProcess.start('stdio');
    // The connector is linked from the solution the workspace pass loaded: the pass must have
    // ended (a flow file's diagnostics are published as its flow is linted, before the end).
    const linted = new Promise<void>((resolve) => server.connection.onNotification('flowguard/workspaceLinted', () => resolve()));
    await server.initialize(dir, uri(dir));
    await linted;
    text = readFileSync(path.join(dir, FLOW), 'utf8');
  });

  after(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports the data path to the custom connector by its title and host, as the CLI does', async () => {
    const file = uri(path.join(dir, FLOW));
    const published = server.diagnostics(file, (d) => d.some((x) => x.code === 'exfiltration/http-data-path'));
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: file, languageId: 'json', version: 1, text } });
    const finding = (await published).find((d) => d.code === 'exfiltration/http-data-path');
    assert.ok(finding);
    const message = typeof finding.message === 'string' ? finding.message : finding.message.value;
    assert.match(message, /custom connector Partner Orders 'Send_orders_to_partner', which calls host orders\.partner-example\.net/);
    assert.ok(finding.relatedInformation?.some((r) => r.location.uri.endsWith('cr_5Fpartner-20orders_openapidefinition.json')), 'the definition is a related location');
  });

  it('hovers on the step with the connector title, its host and its definition', async () => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"Send_orders_to_partner": {'));
    const result = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(path.join(dir, FLOW)) }, position: { line, character: lines[line]!.indexOf('Send') + 1 } });
    const value = (result?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /Custom connector \*\*Partner Orders\*\* \(`cr_5Fpartner-20orders`\), host `https:\/\/orders\.partner-example\.net\/api`/);
    assert.match(value, /Authentication: `apiKey`/);
    assert.match(value, /Definition: `.*cr_5Fpartner-20orders_openapidefinition\.json`/);
  });

  it('lists the custom connector in the connectors view by its title and host', async () => {
    const { flows } = await server.connection.sendRequest<{ flows: ConnectorsFlow[] }>('flowguard/connectors', {});
    const connector = flows.flatMap((f) => f.connectors).find((c) => c.custom);
    assert.deepEqual(connector?.custom, { title: 'Partner Orders', host: 'orders.partner-example.net', logicalName: 'cr_5Fpartner-20orders' });
    assert.equal(connector?.name, 'Partner Orders');
  });
});
