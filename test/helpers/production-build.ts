import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './fixtures';

// For the tests of the production launchers (cli/launcher.ts, server/launcher.ts): scratch
// folders removed after the suite, and a production bundle built into one of them.

/** A maker of scratch folders for the calling suite, each removed once the suite is done. */
export function suiteScratch(): (name: string) => string {
  const made: string[] = [];
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return (name) => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), `flowguard-${name}-`)));
    made.push(dir);
    return dir;
  };
}

/** Builds the production CLI or server (scripts/build.mjs --cli|--server FILE) to `file`. */
export function buildProduction(kind: 'cli' | 'server', file: string): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', `--${kind}`, file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
}
