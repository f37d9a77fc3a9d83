import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the compiled file (out/test/e2e/harness). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SAMPLES = path.join(ROOT, 'samples');
export const ARTIFACTS = path.join(ROOT, '.test-artifacts');
/** The Marketplace README's screenshot (client/README.md), which the UI check takes afresh on every run. */
export const README_SCREENSHOT = path.join(ROOT, 'images', 'problems-and-connectors.png');
/** Installed by scripts/install-editors.sh, outside the project's dependencies. */
export const CODE_SERVER = path.join(ROOT, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
/** The compiled entry of the extension's own mocha suite, run inside the extension host. */
export const SUITE_ENTRY = path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');

/** What `npm run package` writes: flowguard-<version>.vsix at the root. */
export function packagedExtension(): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
}
