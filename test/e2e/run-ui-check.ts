// What a person sees: code-server with FlowGuard installed from the packaged .vsix (no test
// payload), samples/ open, the Dropbox flow clicked in the Explorer, then the Problems panel,
// then the Flow Connectors view in the Explorer. Asserts the panel lists the blocked connector
// and the view lists Dropbox, and saves a screenshot of each to .test-artifacts/.
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
const CONNECTORS_SCREENSHOT = path.join(ARTIFACTS, 'connectors-view.png');
const CONNECTORS_VIEW = 'Flow Connectors';
const CONNECTOR = 'Dropbox';

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

/**
 * Collapses the folders so the Explorer's other views get the room, expands Flow Connectors if
 * it is collapsed, and waits until it shows `connector` as a row of its own; returns the view's text.
 */
async function connectorsViewListing(page: Page, connector: string): Promise<string> {
  const pane = (title: string) => page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
  const folders = page.locator('.pane-header', { has: page.locator('.title', { hasText: path.basename(SAMPLES) }) }).first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  const view = pane(CONNECTORS_VIEW);
  const header = view.locator('.pane-header');
  await header.waitFor({ timeout: UI_DEADLINE_MS });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await view.locator('.monaco-list-row .label-name', { hasText: new RegExp(`^${connector}$`) }).first().waitFor({ timeout: UI_DEADLINE_MS });
  return view.locator('.pane-body').innerText();
}

async function screenshot(page: Page, file: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: file });
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
        .finally(() => screenshot(page, SCREENSHOT));
      console.log(`--- Problems panel ---\n${panel}\n---`);
      console.log(`UI check in code-server: the Problems panel lists ${RULE}; screenshot: ${path.relative(process.cwd(), SCREENSHOT)}`);
      const connectors = await connectorsViewListing(page, CONNECTOR).finally(() => screenshot(page, CONNECTORS_SCREENSHOT));
      console.log(`--- ${CONNECTORS_VIEW} ---\n${connectors}\n---`);
      console.log(`UI check in code-server: ${CONNECTORS_VIEW} lists ${CONNECTOR}; screenshot: ${path.relative(process.cwd(), CONNECTORS_SCREENSHOT)}`);
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
