import * as assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readFirstLine, readSpan, readSpanAhead } from '../../../cli/cache/file-span';
import { BadCache } from '../../../cli/cache/validate';

// The cache file read in parts (cli/cache/file-span.ts): the head line first, then only the part a
// run needs, from the very file the head came from.

describe('cli: the cache file read in parts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-span-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the first line and reads any later span of the same file', () => {
    const file = path.join(dir, 'cache');
    writeFileSync(file, '{"head":1}\nbody\nlater');
    const { line, identity } = readFirstLine(file, 1024);
    assert.equal(line.toString(), '{"head":1}');
    assert.equal(identity.size, 21);
    assert.equal(readSpan(file, identity, 11, 15).toString(), 'body');
    assert.equal(readSpan(file, identity, 16, 21).toString(), 'later');
  });

  it('reads a head longer than its first read (a run of many thousand files), and a file of one line whole', () => {
    const file = path.join(dir, 'cache');
    const head = `{"stats":"${'x'.repeat(600 * 1024)}"}`;
    writeFileSync(file, `${head}\nrest`);
    assert.equal(readFirstLine(file, 4 * 1024 * 1024).line.toString(), head);
    writeFileSync(file, head);
    assert.equal(readFirstLine(file, 4 * 1024 * 1024).line.toString(), head);
    // Just past the first read, with much more behind it (the corpus's cache: a 289 KB head, 3.6 MB in all).
    const shortHead = `{"stats":"${'y'.repeat(300 * 1024)}"}`;
    writeFileSync(file, `${shortHead}
${'z'.repeat(3 * 1024 * 1024)}
last`);
    assert.equal(readFirstLine(file, 4 * 1024 * 1024).line.toString(), shortHead);
  });

  it('refuses a file larger than the limit before reading it', () => {
    const file = path.join(dir, 'cache');
    writeFileSync(file, 'x'.repeat(2048));
    assert.throws(() => readFirstLine(file, 1024), (error: unknown) => error instanceof BadCache && /larger than/.test(error.message));
  });

  it('a file renamed over the one the head came from is never read as its continuation', () => {
    const file = path.join(dir, 'cache');
    writeFileSync(file, '{"head":1}\nbody\nlater');
    const { identity } = readFirstLine(file, 1024);
    const other = path.join(dir, 'other');
    // The same length: only the file's identity tells them apart.
    writeFileSync(other, '{"head":2}\nBODY\nLATER');
    renameSync(other, file);
    assert.throws(() => readSpan(file, identity, 11, 15), (error: unknown) => error instanceof BadCache && /changed while FlowGuard read it/.test(error.message));
  });

  it('a span past the end of the file is cut short, not filled with what memory held', () => {
    const file = path.join(dir, 'cache');
    writeFileSync(file, '{"head":1}\nbody');
    const { identity } = readFirstLine(file, 1024);
    assert.throws(() => readSpan(file, identity, 11, 40), SyntaxError);
  });

  it('reads a span ahead, in the background, as readSpan does; gives nothing for another file, a span past the end or a missing file', async () => {
    const file = path.join(dir, 'cache');
    writeFileSync(file, '{"head":1}\nbody\nlater');
    const { identity } = readFirstLine(file, 1024);
    const [body, later] = [readSpanAhead(file, identity, 11, 15), readSpanAhead(file, identity, 16, 21)];
    assert.equal((await body)?.toString(), 'body');
    assert.equal((await later)?.toString(), 'later');
    assert.equal(await readSpanAhead(file, identity, 11, 40), undefined);
    const other = path.join(dir, 'other');
    writeFileSync(other, '{"head":2}\nBODY\nLATER');
    renameSync(other, file);
    assert.equal(await readSpanAhead(file, identity, 11, 15), undefined);
    rmSync(file);
    assert.equal(await readSpanAhead(file, identity, 11, 15), undefined);
  });

  it('a symbolic link in the cache file\'s place is not followed', function () {
    if (process.platform === 'win32') this.skip();
    const target = path.join(dir, 'target');
    writeFileSync(target, '{"head":1}\n');
    const link = path.join(dir, 'cache');
    symlinkSync(target, link);
    assert.throws(() => readFirstLine(link, 1024), (error: NodeJS.ErrnoException) => error.code === 'ELOOP');
  });
});
