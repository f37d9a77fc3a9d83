// Builds the GitHub Action's files in dist-action/, which are committed: the action runs from its
// repository as checked out, with nothing installed, so its code has to be there already.
// - flowguard.js: FlowGuard bundled by scripts/build.mjs --production (minified, no source map),
//   from action/bundle.ts, with the same options and plugins as dist/cli.js;
// - action.js and cli.js: launchers for action.yml's Lint step and for later steps of a job.
// `--check` builds into a temporary folder and fails when dist-action/ differs from that build:
// test/action/bundle.test.ts runs it, so a change to the sources without a rebuild fails CI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-action');
const check = process.argv.includes('--check');

const LAUNCHERS = {
  'action.js': `'use strict';
// action.yml's Lint step runs this file. FlowGuard itself is flowguard.js beside it, a bundle
// that \`npm run build:action\` makes from the sources (action/, cli/, core/, rules/).
require('./flowguard.js').action();
`,
  'cli.js': `#!/usr/bin/env node
'use strict';
// FlowGuard's command line, for the steps after the action: its \`cli\` output names this file.
require('./flowguard.js').cli();
`,
};

function build() {
  const tmp = mkdtempSync(path.join(tmpdir(), 'flowguard-action-build-'));
  try {
    const bundle = path.join(tmp, 'flowguard.js');
    const run = spawnSync(process.execPath, ['scripts/build.mjs', '--production', '--action', bundle], { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    return { 'flowguard.js': readFileSync(bundle, 'utf8'), ...LAUNCHERS };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function current(name) {
  try {
    return readFileSync(path.join(out, name), 'utf8');
  } catch {
    return undefined;
  }
}

const files = build();
if (check) {
  const stale = Object.keys(files).filter((name) => current(name) !== files[name]);
  if (stale.length > 0) {
    console.error(`dist-action/ is stale: ${stale.join(', ')} differ from a fresh build of the sources. Run \`npm run build:action\` and commit dist-action/.`);
    process.exit(1);
  }
  console.log('dist-action/ matches a fresh build of the sources.');
} else {
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
  console.log(`dist-action/: ${Object.keys(files).join(', ')} (flowguard.js ${(Buffer.byteLength(files['flowguard.js']) / 1024).toFixed(0)} KB)`);
}
