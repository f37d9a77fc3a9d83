import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './fixtures';

export const SAMPLES = path.join(ROOT, 'samples');
/** "Backup receipts to Dropbox": Dropbox, which the samples' tenant policy blocks. */
export const DROPBOX_FLOW = path.join('ContosoExpenses', 'src', 'Workflows', 'BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json');
/** "Expense approval": scopes, nested conditions, a switch and a loop. */
export const EXPENSE_FLOW = path.join('ContosoExpenses', 'src', 'Workflows', 'Expenseapproval-6E1F0C3A-9B2D-EE11-9CBE-0022480A1F31.json');
/** A solution zip whose "Escalate ticket" flow calls a blocked SQL operation. */
export const HELPDESK_ZIP = 'HelpdeskTickets_1_0_0_1.zip';

/** A scratch copy of samples/ (flowguard.json, policies, the solution folder and both zips). */
export function copySamples(prefix = 'flowguard-samples-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  cpSync(SAMPLES, dir, { recursive: true });
  return dir;
}

/**
 * The Dropbox flow as a solution may export it: its Dropbox connection reference names only the
 * solution's logical name (no api name) and the action no apiId, so only the solution's
 * customizations.xml says that the connector is Dropbox.
 */
export function dropboxOnlyInSolution(text: string): string {
  const flow = JSON.parse(text.replace(/^\uFEFF/, '')) as {
    properties: { connectionReferences: Record<string, { api?: unknown }>; definition: { actions: Record<string, { inputs?: { host?: { apiId?: string } } }> } };
  };
  delete flow.properties.connectionReferences.shared_dropbox?.api;
  delete flow.properties.definition.actions.Create_file_in_Dropbox?.inputs?.host?.apiId;
  return JSON.stringify(flow, null, 4);
}
