// vsce ships CHANGELOG.md as the extension's Changelog tab (Marketplace and VS Code): refuse to
// package a version that it has no section for, "## [0.2.0] - 2026-12-01" in Keep a Changelog's
// form. Run by `npm run package` before vsce.
//
//   node scripts/check-changelog.mjs [PACKAGE_JSON CHANGELOG]      default: the repository's
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [manifestFile = path.join(root, 'package.json'), changelogFile = path.join(root, 'CHANGELOG.md')] = process.argv.slice(2);

const { version } = JSON.parse(readFileSync(manifestFile, 'utf8'));
const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const section = new RegExp(`^## \\[${escaped}\\](?: - \\d{4}-\\d{2}-\\d{2})?\\s*$`, 'm');
if (!section.test(readFileSync(changelogFile, 'utf8'))) {
  console.error(`${path.basename(changelogFile)} has no section for version ${version} (package.json): add "## [${version}] - YYYY-MM-DD" above its changes, or set the version it describes.`);
  process.exit(1);
}
