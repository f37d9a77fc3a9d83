import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers/fixtures';
import { buildProduction, suiteScratch } from '../helpers/production-build';

// V8 holds a script's source for as long as it runs (functions compile from it lazily), and the
// launchers hold the bundle's text once more to compile it (cli/compile-cache.ts). One character
// beyond ASCII anywhere in the 730 KB makes each a two-byte string: three ellipses in two regular
// expressions (esbuild escapes strings, not regular expressions) cost every process 1.4 MB per
// copy. Sources write such characters as \u escapes.

/** The first characters beyond ASCII in a text, with where they are. */
function beyondAscii(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length && found.length < 5; i++) {
    if (text.charCodeAt(i) > 0x7f) found.push(`${JSON.stringify(text[i])} at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 40), i + 10))}`);
  }
  return found;
}

describe('package: the bundles are ASCII', function () {
  this.timeout(120_000);
  const scratch = suiteScratch();

  for (const name of ['cli.js', 'server.js', 'client.js']) {
    it(`dist/${name}, as npm run build makes it`, () => {
      assert.deepEqual(beyondAscii(readFileSync(path.join(ROOT, 'dist', name), 'utf8')), []);
    });
  }

  it('the production CLI and language server, launchers and all', () => {
    const dir = scratch('ascii');
    for (const kind of ['cli', 'server'] as const) {
      const file = path.join(dir, `${kind}.js`);
      buildProduction(kind, file);
      assert.deepEqual(beyondAscii(readFileSync(file, 'utf8')), [], kind);
    }
  });
});
