import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM } from './paths';

/** Debian's Chromium, headless, with a fresh profile and nothing that reaches out to Google. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh profile in `dir` (the code-server's temporary folder, so an
 * interrupted run leaves nothing behind).
 */
export async function launchBrowser(dir: string): Promise<Browser> {
  // Playwright takes the profile folder as an argument rather than as --user-data-dir.
  const profile = path.join(dir, 'chromium');
  mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
