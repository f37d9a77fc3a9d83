// What a person sees: code-server with FlowGuard installed from the packaged .vsix (no test
// payload), samples/ open, the Dropbox flow clicked in the Explorer, then the Problems panel,
// then the Flow Connectors view in the Explorer, then FlowGuard's page in the Extensions view.
// Asserts the panel lists the blocked connector, the view lists Dropbox and the page shows the
// README and the icon, and saves a screenshot of each to .test-artifacts/; with the blocked
// connector's finding clicked, the Problems panel beside the Flow Connectors view becomes the
// Marketplace README's screenshot (images/problems-and-connectors.png). Then a folder holding only
// a solution zip: FlowGuard must start there and list the zip's findings.
// Needs `npm run package` first.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './harness/browser';
import { CodeServer } from './harness/code-server';
import { ARTIFACTS, README_SCREENSHOT, SAMPLES, packagedExtension } from './harness/paths';
import { extensionPage } from './ui/extension-page';
import { problemsPanelListing } from './ui/problems-panel';
import { revealFinding } from './ui/readme-screenshot';
import { zipOnlyWorkspace } from './ui/zip-workspace';

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
/** Where the blocked Dropbox action is, 1-based as the status bar shows it. */
const FINDING_LINE = 90;
const EXTENSION_PAGE_SCREENSHOT = path.join(ARTIFACTS, 'extension-page.png');
/** Headings of client/README.md the extension page must show. */
const README_HEADINGS = ['What it finds', 'Commands', 'Settings'];
const ZIP_SAMPLE = path.join(SAMPLES, 'HelpdeskTickets_1_0_0_1.zip');
const ZIP_RULE = 'error-handling/no-failure-path';

/** Clicks down the Explorer to the flow, as a person would, and waits for its editor tab. */
async function openFromExplorer(page: Page): Promise<void> {
  const explorer = page.locator('.explorer-folders-view');
  const row = (name: string | RegExp) => explorer.getByRole('treeitem', { name, exact: true }).first();
  for (const folder of FOLDERS) await row(folder).click({ timeout: UI_DEADLINE_MS });
  await row(FLOW_FILE).click({ timeout: UI_DEADLINE_MS });
  await page.locator('.tabs-container .tab.active', { hasText: FLOW_NAME }).waitFor({ timeout: UI_DEADLINE_MS });
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
        .then(() => problemsPanelListing(page, RULE, UI_DEADLINE_MS))
        .finally(() => screenshot(page, SCREENSHOT));
      console.log(`--- Problems panel ---\n${panel}\n---`);
      console.log(`UI check in code-server: the Problems panel lists ${RULE}; screenshot: ${path.relative(process.cwd(), SCREENSHOT)}`);
      const connectors = await connectorsViewListing(page, CONNECTOR).finally(() => screenshot(page, CONNECTORS_SCREENSHOT));
      console.log(`--- ${CONNECTORS_VIEW} ---\n${connectors}\n---`);
      console.log(`UI check in code-server: ${CONNECTORS_VIEW} lists ${CONNECTOR}; screenshot: ${path.relative(process.cwd(), CONNECTORS_SCREENSHOT)}`);
      await revealFinding(page, RULE, FINDING_LINE, UI_DEADLINE_MS);
      // Written only once what it shows has been checked, so a failed run never lands in the README.
      await screenshot(page, path.join(ARTIFACTS, path.basename(README_SCREENSHOT)));
      copyFileSync(path.join(ARTIFACTS, path.basename(README_SCREENSHOT)), README_SCREENSHOT);
      console.log(`UI check in code-server: the README's screenshot is ${path.relative(process.cwd(), README_SCREENSHOT)}`);
      const { readme, iconShown } = await extensionPage(page, README_HEADINGS[0] ?? '', UI_DEADLINE_MS).finally(() => screenshot(page, EXTENSION_PAGE_SCREENSHOT));
      const missing = README_HEADINGS.filter((heading) => !readme.includes(heading));
      if (missing.length > 0) throw new Error(`the extension page's README lacks ${missing.join(', ')}:\n${readme}`);
      if (!iconShown) throw new Error("the extension page's header shows no icon");
      console.log(`UI check in code-server: FlowGuard's page shows its README (${README_HEADINGS.join(', ')}) and icon; screenshot: ${path.relative(process.cwd(), EXTENSION_PAGE_SCREENSHOT)}`);
      succeeded = true;
    } finally {
      await browser.close();
    }
  } finally {
    if (!succeeded) console.error(`--- code-server log ---\n${server.log()}`);
    await server.stop();
  }
  const zipPanel = await zipOnlyWorkspace(packagedExtension(), ZIP_SAMPLE, ZIP_RULE, UI_DEADLINE_MS);
  console.log(`--- Problems panel, folder with only ${path.basename(ZIP_SAMPLE)} ---\n${zipPanel}\n---`);
  console.log(`UI check in code-server: FlowGuard starts in a folder holding only a solution zip and lists ${ZIP_RULE}`);
}

main().catch((error: unknown) => {
  console.error(`UI check in code-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
