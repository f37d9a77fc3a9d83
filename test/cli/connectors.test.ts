import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { csvField } from '../../cli/connectors/format-csv';
import { cli } from '../helpers/cli';
import { ROOT } from '../helpers/fixtures';

const DROPBOX = 'samples/ContosoExpenses/src/Workflows/BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json';

interface Inventory {
  policies: string[];
  flows: {
    flow: string;
    file: string;
    solution: string | null;
    connectors: { id: string; name: string; group: string; groups: { policy: string; group: string; listed: boolean }[]; usedBy: { name: string; kind: string; line: number; column: number }[] }[];
  }[];
}

describe('cli: connectors', () => {
  it('table (the default): each flow with its connectors, their group per policy and the steps using them', async () => {
    const run = await cli(['connectors', 'samples'], ROOT);
    assert.equal(run.code, 0, run.stderr);
    const block = run.stdout.split('\n\n').find((b) => b.startsWith(`${DROPBOX}\n`))!;
    assert.deepEqual(block.split('\n'), [
      DROPBOX,
      "Flow 'Backup receipts to Dropbox' in solution ContosoExpenses",
      '  connector   id                       Contoso Tenant Baseline  used by',
      '  SharePoint  shared_sharepointonline  Business                 When_a_receipt_is_uploaded (trigger), Get_file_content',
      '  Dropbox     shared_dropbox           Blocked                  Create_file_in_Dropbox',
      '  HTTP        http                     Business                 Notify_expense_partner',
    ]);
    assert.match(run.stdout, /\n {2}Planner +shared_planner +Non-Business \(default\) +Create_a_follow-up_task\n/);
    assert.match(run.stdout, /\nnote: .*Skipped desktop flow 'Copy ticket to legacy service desk'/);
    assert.match(run.stdout, /\n9 flows, \d+ distinct connectors, under 'Contoso Tenant Baseline'\n$/);
  });

  it('shows a column per applicable policy, and the overall group', async () => {
    const run = await cli(['connectors', 'samples', '--environment', 'Contoso Production'], ROOT);
    assert.equal(run.code, 0, run.stderr);
    const header = run.stdout.split('\n').find((l) => l.startsWith('  connector'))!;
    assert.match(header, /^ {2}connector +id +overall +Contoso Tenant Baseline +\S.* +used by$/);
  });

  it('json: the same inventory for scripts, with positions of the steps', async () => {
    const run = await cli(['connectors', 'samples', '--format', 'json'], ROOT);
    assert.equal(run.code, 0);
    const inventory = JSON.parse(run.stdout) as Inventory;
    assert.deepEqual(inventory.policies, ['Contoso Tenant Baseline']);
    assert.equal(inventory.flows.length, 9);
    const flow = inventory.flows.find((f) => f.file === DROPBOX)!;
    assert.equal(flow.solution, 'ContosoExpenses');
    assert.deepEqual(flow.connectors.find((c) => c.id === 'shared_dropbox'), {
      id: 'shared_dropbox',
      name: 'Dropbox',
      group: 'blocked',
      groups: [{ policy: 'Contoso Tenant Baseline', group: 'blocked', listed: true }],
      usedBy: [{ name: 'Create_file_in_Dropbox', kind: 'action', line: 90, column: 9 }],
    });
    assert.match(run.stderr, /flowguard: note: .*Skipped desktop flow/);
  });

  it('csv: a row per flow, connector and policy, quoted as RFC 4180 says and safe to open in a spreadsheet', async () => {
    const run = await cli(['connectors', 'samples', '--format', 'csv'], ROOT);
    assert.equal(run.code, 0);
    const rows = run.stdout.split('\r\n');
    assert.equal(rows[0], 'file,flow,solution,connector,connector_id,group,policy,policy_group,listed,used_by,custom_connector_host');
    assert.ok(rows.includes(`${DROPBOX},Backup receipts to Dropbox,ContosoExpenses,Dropbox,shared_dropbox,Blocked,Contoso Tenant Baseline,Blocked,true,Create_file_in_Dropbox,`));
    assert.ok(rows.some((r) => r.includes(',Planner,shared_planner,Unclassified,Contoso Tenant Baseline,Non-Business,false,Create_a_follow-up_task,')));
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  });

  it('without a policy lists connectors without groups and says why', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-connectors-'));
    try {
      cpSync(path.join(ROOT, DROPBOX), path.join(dir, 'flow.json'));
      writeFileSync(path.join(dir, 'flowguard.json'), '{}');
      const run = await cli(['connectors', 'flow.json', '--format', 'csv'], dir);
      assert.equal(run.code, 0);
      assert.ok(run.stdout.includes(',Dropbox,shared_dropbox,Unclassified,,,,Create_file_in_Dropbox,\r\n'));
      assert.match(run.stderr, /No DLP policy applies/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects formats it does not have and points at its own --help', async () => {
    const run = await cli(['connectors', '--format', 'sarif'], ROOT);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'flowguard: --format must be one of table, json, csv, got "sarif"; see flowguard connectors --help\n');
  });
});
