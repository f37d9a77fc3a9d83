import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unifiedDiff } from '../../../cli/unified-diff';

const lines = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

describe('unified diff (--fix-dry-run)', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('f.json', lines(1, 5), lines(1, 5)), '');
  });

  it('shows a change with three lines of context, and keeps changes close together in one hunk', () => {
    const after = lines(1, 20).replace('line 10\n', 'line ten\n').replace('line 14\n', 'line 14\nline 14b\n');
    assert.equal(
      unifiedDiff('f.json', lines(1, 20), after),
      '--- a/f.json\n+++ b/f.json\n@@ -7,11 +7,12 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n line 14\n+line 14b\n line 15\n line 16\n line 17\n',
    );
  });

  it('splits changes more than six lines apart into hunks, and names the line before an insertion into nothing', () => {
    const after = `line 0\n${lines(1, 30).replace('line 30\n', '')}`;
    assert.equal(
      unifiedDiff('f.json', lines(1, 30), after),
      '--- a/f.json\n+++ b/f.json\n@@ -1,3 +1,4 @@\n+line 0\n line 1\n line 2\n line 3\n@@ -27,4 +28,3 @@\n line 27\n line 28\n line 29\n-line 30\n',
    );
    assert.equal(unifiedDiff('f.json', '', 'a\n'), '--- a/f.json\n+++ b/f.json\n@@ -0,0 +1,1 @@\n+a\n');
  });

  it('marks a last line without a line break', () => {
    assert.equal(unifiedDiff('f.json', 'a\nb', 'a\nc'), '--- a/f.json\n+++ b/f.json\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('f.json', 'a\nb', 'a\nb\n'), '--- a/f.json\n+++ b/f.json\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('leaves an absolute path without the a/ and b/ prefixes', () => {
    assert.match(unifiedDiff('/srv/flows/f.json', 'a\n', 'b\n'), /^--- \/srv\/flows\/f\.json\n\+\+\+ \/srv\/flows\/f\.json\n/);
  });

  it('git apply turns the old text into the new one, for random edits', function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-diff-'));
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    try {
      for (let round = 0; round < 40; round++) {
        const before = Array.from({ length: 1 + random(60) }, () => `v${random(6)}\n`);
        const after = [...before];
        for (let edits = random(8); edits > 0; edits--) {
          const at = random(after.length + 1);
          if (random(2) === 0) after.splice(at, 1);
          else after.splice(at, 0, `n${random(6)}\n`);
        }
        const oldText = before.join('') + (round % 3 === 0 ? 'tail' : '');
        const newText = after.join('') + (round % 4 === 0 ? 'end' : '');
        const diff = unifiedDiff('f.txt', oldText, newText);
        writeFileSync(path.join(dir, 'f.txt'), oldText);
        if (diff === '') {
          assert.equal(oldText, newText);
          continue;
        }
        writeFileSync(path.join(dir, 'p.diff'), diff);
        const apply = spawnSync('git', ['apply', '--whitespace=nowarn', 'p.diff'], { cwd: dir, encoding: 'utf8' });
        assert.equal(apply.status, 0, `round ${round}: ${apply.stderr}\n${diff}`);
        assert.equal(readFileSync(path.join(dir, 'f.txt'), 'utf8'), newText, `round ${round}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
