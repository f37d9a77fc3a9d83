// Runs the extension's own mocha suite (out/test/e2e/suite) in desktop VS Code, which
// @vscode/test-electron downloads into .vscode-test/ from Microsoft's update servers. For
// machines with internet access (and a display, or xvfb-run, on Linux); where that server is out
// of reach, run-code-server.ts runs the same suite. Builds nothing: `npm run build` and
// `tsc -p tsconfig.test.json` come first.
import { runTests } from '@vscode/test-electron';
import { ROOT, SAMPLES, SUITE_ENTRY } from './harness/paths';

/** Errors that mean VS Code could not be downloaded, rather than that a test failed. */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|Failed to get JSON|Error downloading/i;

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (OFFLINE.test(message)) {
    return `could not download VS Code (${message.split('\n')[0]}). This runner needs update.code.visualstudio.com; without it, run npm run test:e2e (code-server).`;
  }
  return message.startsWith('Test run failed') ? `the suite failed (${message})` : message;
}

async function main(): Promise<void> {
  const code = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: SUITE_ENTRY,
    launchArgs: [SAMPLES, '--disable-extensions'],
  });
  if (code !== 0) throw new Error(`Test run failed with code ${code}`);
}

main().catch((error: unknown) => {
  console.error(`end-to-end suite in VS Code (electron): ${explain(error)}`);
  process.exit(1);
});
