import type { Page } from 'playwright-core';

/**
 * Clicks the finding of `rule` in the Problems panel, as a person would, so the editor shows its
 * line beside the panel and the Flow Connectors view; waits for the cursor to get there, going by
 * the status bar's "Ln L, Col C", then moves the mouse away and waits for the finding's hover to
 * close. The page is then what the Marketplace README's screenshot shows.
 */
export async function revealFinding(page: Page, rule: string, line: number, deadlineMs: number): Promise<void> {
  await page.locator('.markers-panel .monaco-list-row', { hasText: rule }).first().click({ timeout: deadlineMs });
  await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) }).first().waitFor({ timeout: deadlineMs });
  await page.mouse.move(1, 1);
  await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: deadlineMs });
}
