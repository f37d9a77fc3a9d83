import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { compileGlob, globProblem } from '../../core/project/glob-match';
import { MAX_GLOB_ALTERNATIVES, MAX_GLOB_LENGTH } from '../../core/limits';
import { wildcardMatch } from '../../core/policy/wildcard';

// The globs flowguard.json files use, each against paths it should and should not match: the
// linear matcher must agree with picomatch, which FlowGuard used before, on all of them.
const GLOBS = ['archive/**', '**/*.bak.json', 'Workflows/Old*', 'src/**/Draft-*.json', '*.json', 'a/?.json', 'Workflows/{Old,Draft}*.json', 'x/[abc]*.json', 'x/[a-c]*.json', '**/node_modules/**', 'policies/*.json', './drafts/**', '!keep/**', '.hidden/**', '**'];
const PATHS = ['archive/a.json', 'archive', 'archive/x/y/z.json', 'a.bak.json', 'deep/er/a.bak.json', 'Workflows/OldFlow.json', 'Workflows/New.json', 'src/a/b/Draft-1.json', 'src/Draft-1.json', 'top.json', 'dir/top.json', 'a/b.json', 'a/bc.json', 'Workflows/DraftX.json', 'x/a1.json', 'x/d1.json', 'lib/node_modules/p/x.json', 'policies/p.json', 'drafts/a', 'keep/x', 'other/x', '.hidden/a.json', '.dot.json', 'a/.b/c.json'];

describe('hostile input: the glob and endpoint matchers', () => {
  for (const glob of GLOBS) {
    it(`agrees with picomatch on ${glob}`, () => {
      for (const dot of [true, false]) {
        const ours = compileGlob(glob, { dot });
        const theirs = picomatch(glob, { dot });
        for (const p of PATHS) assert.equal(ours(p), theirs(p), `${glob} against ${p} (dot: ${dot})`);
      }
    });
  }

  it('reads [!abc] as POSIX does: any character but a, b and c', () => {
    const glob = compileGlob('x/[!abc]*.json', { dot: true });
    assert.equal(glob('x/a1.json'), false);
    assert.equal(glob('x/d1.json'), true);
  });

  it('matches ReDoS-shaped globs in linear time', () => {
    const started = Date.now();
    const glob = compileGlob(`${'*a'.repeat(400)}*b`, { dot: true });
    for (let i = 0; i < 200; i++) assert.equal(glob('a'.repeat(250)), false);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  it('refuses globs past the length and brace limits, naming the limit', () => {
    assert.match(globProblem('*'.repeat(MAX_GLOB_LENGTH + 1)) ?? '', new RegExp(`at most ${MAX_GLOB_LENGTH} characters`));
    assert.match(globProblem('{a,b}'.repeat(9)) ?? '', new RegExp(`more than ${MAX_GLOB_ALTERNATIVES} alternatives`));
    assert.equal(globProblem('Workflows/{Old,Draft}*.json'), undefined);
  });

  it('matches pathological endpoint patterns in bounded time', () => {
    const started = Date.now();
    assert.equal(wildcardMatch(`${'*a'.repeat(1_000)}*b`, 'a'.repeat(2_000)), false);
    assert.equal(wildcardMatch('https://*.contoso.com*', 'https://api.contoso.com/v1'), true);
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });
});
