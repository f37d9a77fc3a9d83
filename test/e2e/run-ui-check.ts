// What a person sees: code-server with FlowGuard installed from the packaged .vsix (no test
// payload), samples/ open, the Dropbox flow clicked in the Explorer, then the Problems panel.
// Asserts the panel lists the blocked connector and saves a screenshot to .test-artifacts/.
// Needs `npm run package` first.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './harness/browser';
import { CodeServer } from './harness/code-server';
import { ARTIFACTS, SAMPLES, packagedExtension } from './harness/paths';

/** The path to the flow from samples/; the Explorer shows ContosoExpenses/src as one compact row. */
const FOLDERS = ['ContosoExpenses', 'Workflows'];
const FLOW_FILE = /^BackupreceiptstoDropbox-[0-9A-F-]+\.json$/;
const FLOW_NAME = 'BackupreceiptstoDropbox';
const RULE = 'dlp/blocked-connector';
/** Generous: the first start of an installed extension includes its activation and first lint. */
const UI_DEADLINE_MS = 30_000;
const SCREENSHOT = path.join(ARTIFACTS, 'problems-panel.png');

/** Clicks down the Explorer to the flow, as a person would, and waits for its editor tab. */
async function openFromExplorer(page: Page): Promise<void> {
  const explorer = page.locator('.explorer-folders-view');
  const row = (name: string | RegExp) => explorer.getByRole('treeitem', { name, exact: true }).first();
  for (const folder of FOLDERS) await row(folder).click({ timeout: UI_DEADLINE_MS });
  await row(FLOW_FILE).click({ timeout: UI_DEADLINE_MS });
  await page.locator('.tabs-container .tab.active', { hasText: FLOW_NAME }).waitFor({ timeout: UI_DEADLINE_MS });
}

/** Waits, frame by frame, until the Problems panel lists `rule`; returns its text. */
async function problemsPanelListing(page: Page, rule: string): Promise<string> {
  await page.keyboard.press('Control+Shift+M');
  const listed = `document.querySelector('.markers-panel')?.innerText.includes(${JSON.stringify(rule)})`;
  // Polled on every animation frame: it follows the page's rendering, not a clock.
  await page.waitForFunction(listed, undefined, { timeout: UI_DEADLINE_MS });
  return page.locator('.markers-panel').innerText();
}

async function screenshot(page: Page): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
}

async function main(): Promise<void> {
  const server = await CodeServer.start(SAMPLES, { install: [packagedExtension()] });
  let succeeded = false;
  try {
    const browser = await launchBrowser(server.dir);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(`${server.origin}/?${new URLSearchParams({ folder: SAMPLES }).toString()}`);
      await page.locator('.explorer-folders-view').waitFor({ timeout: UI_DEADLINE_MS });
      // The screenshot is taken whatever happens: on a failure it shows where the UI stood.
      const panel = await openFromExplorer(page)
        .then(() => problemsPanelListing(page, RULE))
        .finally(() => screenshot(page));
      console.log(`--- Problems panel ---\n${panel}\n---`);
      console.log(`UI check in code-server: the Problems panel lists ${RULE}; screenshot: ${path.relative(process.cwd(), SCREENSHOT)}`);
      succeeded = true;
    } finally {
      await browser.close();
    }
  } finally {
    if (!succeeded) console.error(`--- code-server log ---\n${server.log()}`);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`UI check in code-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
