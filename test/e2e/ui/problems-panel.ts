import type { Page } from 'playwright-core';

/** Opens the Problems panel (Ctrl+Shift+M) and waits, frame by frame, until it lists `rule`; returns its text. */
export async function problemsPanelListing(page: Page, rule: string, deadlineMs: number): Promise<string> {
  await page.keyboard.press('Control+Shift+M');
  const listed = `document.querySelector('.markers-panel')?.innerText.includes(${JSON.stringify(rule)})`;
  // Polled on every animation frame: it follows the page's rendering, not a clock.
  await page.waitForFunction(listed, undefined, { timeout: deadlineMs });
  return page.locator('.markers-panel').innerText();
}
