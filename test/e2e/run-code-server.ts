// Runs the extension's own mocha suite (out/test/e2e/suite) inside the real extension host of
// code-server, driven by headless Chromium: the same suite run-electron.ts gives desktop VS Code.
// Builds nothing: `npm run build` and `tsc -p tsconfig.test.json` come first.
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from './harness/browser';
import { CodeServer } from './harness/code-server';
import { within } from './harness/deadline';
import { ROOT, SAMPLES, SUITE_ENTRY } from './harness/paths';

const SUITE_DEADLINE_MS = 5 * 60_000;

/** The gallery lookup code-server makes at start-up, which fails offline and is harmless. */
const OFFLINE_GALLERY = /open-vsx\.org/;

/** The host sends console.log's own arguments, format string first (mocha's reporter uses %s). */
function logLine(args: unknown): string {
  const list: unknown[] = Array.isArray(args) ? args : [args];
  return format(...list);
}

/** The URL that opens samples/ and tells the workbench to run the suite against this checkout. */
function suiteUrl(server: CodeServer): string {
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(ROOT)],
    ['extensionTestsPath', server.remoteUri(SUITE_ENTRY)],
  ];
  const query = new URLSearchParams({ folder: SAMPLES, payload: JSON.stringify(payload) });
  return `${server.origin}/?${query.toString()}`;
}

/**
 * The workbench reports a test run through two functions it finds on window: every log line of
 * the extension host, then the exit code. Resolves with that code.
 */
async function runSuite(page: Page, url: string): Promise<number> {
  let report!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (report = resolve));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = logLine(args);
    if (OFFLINE_GALLERY.test(line)) return;
    (type === 'error' ? console.error : console.log)(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => report(code));
  page.on('crash', () => report(70));
  await page.goto(url);
  return within(exited, SUITE_DEADLINE_MS, 'the end-to-end suite did not finish');
}

async function main(): Promise<number> {
  if (!existsSync(SUITE_ENTRY)) throw new Error(`${SUITE_ENTRY} is missing; run npm run build and tsc -p tsconfig.test.json first`);
  const server = await CodeServer.start(SAMPLES);
  let succeeded = false;
  try {
    const browser = await launchBrowser(server.dir);
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const code = await runSuite(page, suiteUrl(server));
      succeeded = code === 0;
      console.log(`end-to-end suite in code-server: exit code ${code}`);
      return code;
    } finally {
      await browser.close();
    }
  } finally {
    if (!succeeded) console.error(`--- code-server log ---\n${server.log()}`);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`end-to-end suite in code-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
