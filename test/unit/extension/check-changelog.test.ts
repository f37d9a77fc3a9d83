import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../helpers/fixtures';

/** Runs scripts/check-changelog.mjs on a package.json of `version` and a CHANGELOG of `changelog`. */
function check(version: string, changelog: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-changelog-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version }));
    writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-changelog.mjs'), path.join(dir, 'package.json'), path.join(dir, 'CHANGELOG.md')], { encoding: 'utf8' });
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/check-changelog.mjs (run by npm run package before vsce)', () => {
  it('passes a CHANGELOG with a section for the version, dated or not', () => {
    assert.equal(check('0.2.0', '# Changelog\n\n## [0.2.0] - 2026-12-01\n\n### Added\n- x\n').status, 0);
    assert.equal(check('1.0.0', '## [1.0.0]\n').status, 0);
  });

  it('refuses a CHANGELOG that says nothing about the version, and says what to add', () => {
    const run = check('0.3.0', '# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /CHANGELOG\.md has no section for version 0\.3\.0 \(package\.json\): add "## \[0\.3\.0\] - YYYY-MM-DD"/);
  });

  it('reads the version exactly: 0.2.0 is not 0.2.01 nor 0x2x0', () => {
    assert.equal(check('0.2.0', '## [0.2.01] - 2026-12-01\n').status, 1);
    assert.equal(check('0.2.0', '## [0x2x0]\n').status, 1);
  });
});
