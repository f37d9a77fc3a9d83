import type { FrameLocator, Page } from 'playwright-core';

/** The extension's name as the Extensions view lists it (package.json displayName). */
const DISPLAY_NAME = 'FlowGuard';

/**
 * VS Code shows the README in a webview: an iframe laid over the editor (not inside its element),
 * and inside it the frame holding the page. The extension page's is the only webview open here.
 */
function readmeFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').first().contentFrame().frameLocator('#active-frame');
}

/** Whether the page header's icon has loaded from the installed extension (an <img> with pixels). */
async function iconLoaded(page: Page, deadlineMs: number): Promise<boolean> {
  const loaded = "(() => { const img = document.querySelector('.extension-editor .header img.icon'); return !!img && img.complete && img.naturalWidth > 0; })()";
  try {
    // Polled on every animation frame: it follows the page's rendering, not a clock.
    await page.waitForFunction(loaded, undefined, { timeout: deadlineMs });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens FlowGuard's page from the Extensions view, as someone who has just installed the .vsix
 * would, and waits until its README shows `heading`; returns the README's text and whether the
 * page's header shows the icon.
 */
export async function extensionPage(page: Page, heading: string, deadlineMs: number): Promise<{ readme: string; iconShown: boolean }> {
  // The page gets the whole editor area: the bottom panel (Problems) is closed first, as by Ctrl+J.
  const panel = page.locator('.part.panel.bottom');
  if (await panel.isVisible()) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden', timeout: deadlineMs });
  }
  await page.keyboard.press('Control+Shift+X');
  await page.locator('.extensions-viewlet .suggest-input-container').first().click({ timeout: deadlineMs });
  await page.keyboard.type(`@installed ${DISPLAY_NAME}`);
  await page.locator('.extensions-viewlet .extension-list-item', { hasText: DISPLAY_NAME }).first().click({ timeout: deadlineMs });
  // Away from the list, so the item's hover card does not cover the page in the screenshot.
  await page.mouse.move(1, 1);
  const frame = readmeFrame(page);
  await frame.getByRole('heading', { name: heading }).waitFor({ timeout: deadlineMs });
  return { readme: await frame.locator('body').innerText(), iconShown: await iconLoaded(page, deadlineMs) };
}
