import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, ROOT } from './fixtures';
import { SAMPLES } from './samples';

const CHILD_FLOWS = path.join(FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-sends-input');
export const PARENT_FILE = 'Syncinvoicesnightly-4A7C2E10-3B1D-EE11-9CBE-0022480A1F31.json';
export const CHILD_FILE = 'HELPERPosttocollector-5B8D3F21-3B1D-EE11-9CBE-0022480A1F31.json';
/** What the parent passes the child: SharePoint items (business data). */
export const ITEMS = "\"@{body('Get_items')?['value']}\"";

/**
 * The child-flow fixture split in two solution folders, `parents/` and `children/`: the child's
 * finding (data the parent passes it leaves over HTTP) is made of the two units together.
 */
export function splitChildFlows(dir: string): void {
  for (const [name, drop] of [['parents', CHILD_FILE], ['children', PARENT_FILE]] as const) {
    cpSync(CHILD_FLOWS, path.join(dir, name), { recursive: true });
    for (const file of readdirSync(path.join(dir, name, 'Workflows'))) if (file.startsWith(drop)) rmSync(path.join(dir, name, 'Workflows', file));
  }
}

/**
 * A workspace of many kinds of unit, for runs on several threads: two generated solutions of
 * `flows` flows each (large enough to be split among threads), a parent flow in one and its
 * child in the other, a flow outside Workflows/ (which every chunk of its solution reads), a flow
 * that does not parse, the samples (a solution folder, two zips with a desktop flow, policies,
 * flowguard.json) and the child-flow fixture split in two folders.
 */
export function unitsWorkspace(dir: string, flows = 30): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-workspace.mjs'), path.join(dir, 'gen'), String(2 * flows), '6', String(flows)]);
  for (const file of readdirSync(path.join(CHILD_FLOWS, 'Workflows'))) {
    const into = file.startsWith(PARENT_FILE) ? 'Generated1' : 'Generated2';
    copyFileSync(path.join(CHILD_FLOWS, 'Workflows', file), path.join(dir, 'gen', into, 'Workflows', file));
  }
  mkdirSync(path.join(dir, 'gen', 'Generated1', 'Backup'));
  copyFileSync(path.join(CHILD_FLOWS, 'Workflows', CHILD_FILE), path.join(dir, 'gen', 'Generated1', 'Backup', 'copy-of-helper.json'));
  writeFileSync(path.join(dir, 'gen', 'Generated2', 'Workflows', 'Broken-0B0B0B0B-3B1D-EE11-9CBE-0022480A1F31.json'), '{"properties": {"definition": {"triggers": {');
  cpSync(SAMPLES, path.join(dir, 'samples'), { recursive: true });
  splitChildFlows(dir);
}
