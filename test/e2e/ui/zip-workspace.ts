import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../harness/browser';
import { CodeServer } from '../harness/code-server';
import { problemsPanelListing } from './problems-panel';

/**
 * A folder holding nothing but a solution zip, as an export folder often does: FlowGuard, installed
 * from the .vsix, must start there by itself (activationEvents workspaceContains:**\/*.zip) and show
 * the zip's findings. Returns the Problems panel's text once it lists `rule`.
 */
export async function zipOnlyWorkspace(vsix: string, zip: string, rule: string, deadlineMs: number): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'flowguard-zip-only-'));
  try {
    copyFileSync(zip, path.join(folder, path.basename(zip)));
    const server = await CodeServer.start(folder, { install: [vsix] });
    let listed = false;
    try {
      const browser = await launchBrowser(server.dir);
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(`${server.origin}/?${new URLSearchParams({ folder }).toString()}`);
        await page.locator('.explorer-folders-view').waitFor({ timeout: deadlineMs });
        const text = await problemsPanelListing(page, rule, deadlineMs);
        listed = true;
        return text;
      } finally {
        await browser.close();
      }
    } finally {
      if (!listed) console.error(`--- code-server log (zip-only workspace) ---\n${server.log()}`);
      await server.stop();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
