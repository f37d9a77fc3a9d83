import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { decodeText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { ArtifactError } from '../../../core/artifacts/source';
import { parseXml } from '../../../core/artifacts/xml';
import { normaliseEntryName, readZip, type ZipLimits } from '../../../core/artifacts/zip';
import { DEFAULT_ZIP_LIMITS, formatBytes, limitBroken } from '../../../core/artifacts/zip-limits';
import { CORPUS_DIR, corpusAvailable, corpusFiles, corpusManifest, zipNoteFlowCounts } from '../../helpers/corpus';
import { makeZip } from '../../helpers/make-zip';

const MiB = 1024 * 1024;
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8');

async function rejection(bytes: Uint8Array, limits?: Partial<ZipLimits>): Promise<ArtifactError> {
  try {
    await readZip('test.zip', bytes, limits);
  } catch (error) {
    assert.ok(error instanceof ArtifactError, `expected an ArtifactError, got ${String(error)}`);
    assert.equal(error.file, 'test.zip');
    assert.match(error.message, /^test\.zip: /);
    return error;
  }
  assert.fail('expected the archive to be rejected');
}

describe('artifacts/zip', () => {
  describe('reading', () => {
    it('reads deflated and stored entries into memory', async () => {
      for (const method of ['deflate', 'store'] as const) {
        const archive = await readZip('s.zip', makeZip({ 'solution.xml': '<a/>', 'Workflows/Flow-1.json': '{"x": "é😀"}' }, { method }));
        assert.equal(archive.path, 's.zip');
        assert.deepEqual([...archive.entries.keys()].sort(), ['Workflows/Flow-1.json', 'solution.xml']);
        assert.equal(text(archive.entries.get('Workflows/Flow-1.json')), '{"x": "é😀"}');
      }
    });

    it('accepts an accessor over part of a larger buffer', async () => {
      const zip = makeZip({ 'a.txt': 'A' });
      const padded = new Uint8Array(zip.length + 10);
      padded.set(zip, 5);
      const archive = await readZip('p.zip', padded.subarray(5, 5 + zip.length));
      assert.equal(text(archive.entries.get('a.txt')), 'A');
    });

    it('skips directory entries and reads empty files', async () => {
      const archive = await readZip('d.zip', makeZip({ 'Workflows/': '', 'Workflows/empty.json': '' }));
      assert.deepEqual([...archive.entries.keys()], ['Workflows/empty.json']);
      assert.equal(archive.entries.get('Workflows/empty.json')?.length, 0);
    });

    it('normalises backslashes and ./ from Windows-made archives', async () => {
      const archive = await readZip('w.zip', makeZip({ 'Workflows\\Flow.json': '{}', './solution.xml': '<a/>', 'Other\\\\Solution.xml': '<b/>' }));
      assert.deepEqual([...archive.entries.keys()].sort(), ['Other/Solution.xml', 'Workflows/Flow.json', 'solution.xml']);
    });

    it('normalises names the same way on their own', () => {
      assert.equal(normaliseEntryName('a\\b\\c.json'), 'a/b/c.json');
      assert.equal(normaliseEntryName('./a//b/./c'), 'a/b/c');
      assert.equal(normaliseEntryName('x!y/z'), 'x!y/z');
    });

    it('resolves an empty archive to no entries', async () => {
      const archive = await readZip('e.zip', makeZip({}));
      assert.equal(archive.entries.size, 0);
    });
  });

  describe('damaged and hostile archives', () => {
    it('rejects bytes that are not a zip', async () => {
      const error = await rejection(new Uint8Array(Buffer.from('{"definition": {}}')));
      assert.match(error.message, /not a zip archive/);
      await rejection(new Uint8Array(0));
    });

    it('rejects a truncated zip', async () => {
      const zip = makeZip({ 'solution.xml': '<ImportExportXml/>'.repeat(100), 'b.json': '{}' });
      for (const cut of [zip.length - 1, zip.length - 30, Math.floor(zip.length / 2), 10]) {
        const error = await rejection(zip.subarray(0, cut));
        assert.match(error.message, /truncated|damaged/);
      }
    });

    it('rejects an entry whose data does not match its checksum', async () => {
      const zip = makeZip({ 'a.json': '{"secret": "x"}' }, { method: 'store' });
      const damaged = Buffer.from(zip);
      damaged.writeUInt8((damaged[33 + 6] ?? 0) ^ 0xff, 33 + 6);
      assert.match((await rejection(new Uint8Array(damaged))).message, /entry a\.json fails its checksum/);
      assert.match((await rejection(makeZip({ 'b.json': '{}' }, { crc: { 'b.json': 1234 } }))).message, /checksum/);
    });

    it('rejects corrupt deflate data', async () => {
      const zip = Buffer.from(makeZip({ 'a.json': 'x'.repeat(5000) }));
      zip.fill(0xff, 30 + 'a.json'.length, 30 + 'a.json'.length + 4);
      assert.match((await rejection(new Uint8Array(zip))).message, /damaged/);
    });

    it('rejects encrypted entries', async () => {
      const error = await rejection(makeZip({ 'Workflows/a.json': '{}' }, { flags: { 'Workflows/a.json': 1 } }));
      assert.match(error.message, /entry Workflows\/a\.json is encrypted/);
    });

    it('rejects unknown compression methods', async () => {
      const error = await rejection(makeZip({ 'a.json': '{}' }, { methodId: { 'a.json': 14 } }));
      assert.match(error.message, /compression method 14/);
    });

    for (const name of ['../evil.json', 'Workflows/../../evil.json', '..\\evil.json', '/etc/passwd', 'C:/Windows/win.ini']) {
      it(`rejects the entry name ${name}`, async () => {
        const error = await rejection(makeZip({ 'ok.json': '{}', [name]: 'x' }));
        assert.match(error.message, /absolute path|climbs out/);
      });
    }

    it('rejects entry names with control characters', async () => {
      const error = await rejection(makeZip({ 'Workflows/\u001b[2Jx.json': '{}' }));
      assert.match(error.message, /control characters \("Workflows\/\\u001b\[2Jx\.json"\)/);
    });

    it('rejects an entry named twice', async () => {
      const error = await rejection(makeZip({ 'a/b.json': '1', 'a\\b.json': '2' }));
      assert.match(error.message, /holds the entry a\/b\.json twice/);
    });

    it('rejects too many entries before reading any', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 10_001; i++) files[`f${i}`] = '';
      const error = await rejection(makeZip(files));
      assert.match(error.message, /has 10001 entries; FlowGuard reads at most 10000\./);
      assert.match((await rejection(makeZip({ a: '', b: '', c: '' }), { maxEntries: 2 })).message, /at most 2\./);
    });

    describe('a zip bomb (100 MiB of zeros)', function () {
      this.timeout(60_000);
      let zeros: Uint8Array;
      before(() => {
        zeros = makeZip({ 'solution.xml': '<a/>', 'Workflows/bomb.json': Buffer.alloc(100 * MiB) });
      });

      it('is stopped by its declared size before inflating anything', async () => {
        assert.ok(zeros.length < 1 * MiB, 'the archive itself is small');
        const error = await rejection(zeros);
        assert.equal(error.message, 'test.zip: entry Workflows/bomb.json is 100 MiB uncompressed; FlowGuard reads at most 64 MiB per entry.');
      });

      it('is stopped by the ratio limit when big entries are allowed', async () => {
        const error = await rejection(zeros, { maxEntryBytes: 256 * MiB });
        assert.match(error.message, /entry Workflows\/bomb\.json inflates more than 200 times its compressed size/);
      });

      it('is stopped on the bytes actually inflated when it lies about its size', async () => {
        const lying = makeZip({ 'Workflows/bomb.json': Buffer.alloc(100 * MiB) }, { declaredSize: { 'Workflows/bomb.json': 1000 } });
        const started = Date.now();
        const error = await rejection(lying, { maxRatio: Infinity });
        assert.match(error.message, /entry Workflows\/bomb\.json inflates to a different size than the archive declares/);
        assert.ok(Date.now() - started < 5000);
      });

      it('says an entry that declares more bytes than it holds is damaged, deflated or stored', async () => {
        const deflated = makeZip({ 'Workflows/a.json': '{"a":1}' }, { declaredSize: { 'Workflows/a.json': 5000 } });
        assert.match((await rejection(deflated)).message, /entry Workflows\/a\.json inflates to a different size than the archive declares/);
        // yauzl refuses a stored entry whose two sizes differ while it reads the directory.
        const stored = makeZip({ 'Workflows/a.json': '{"a":1}' }, { method: 'store', declaredSize: { 'Workflows/a.json': 5000 } });
        assert.match((await rejection(stored)).message, /damaged or truncated/);
      });

      it('is stopped by the total limit across entries', async () => {
        const two = makeZip({ 'a.bin': randomBytes(2 * MiB), 'b.bin': randomBytes(2 * MiB) });
        const error = await rejection(two, { maxTotalBytes: 3 * MiB });
        assert.match(error.message, /inflates past 3 MiB in all/);
      });

      it('counts a zip inside a zip against the outer archive: bytes and entries', async () => {
        const inner = makeZip({ 'a.bin': randomBytes(2 * MiB), 'b.json': '{}' }, { method: 'store' });
        const bytes = makeZip({ 'inner.zip': inner }, { method: 'store' });
        const budget = { bytes: 0, entries: 0 };
        const outer = await readZip('outer.zip', bytes, { maxTotalBytes: 3 * MiB }, budget);
        await assert.rejects(
          readZip('outer.zip!inner.zip', outer.entries.get('inner.zip')!, { maxTotalBytes: 3 * MiB }, budget),
          /outer\.zip!inner\.zip: the archive inflates past 3 MiB in all; FlowGuard reads at most 3 MiB per archive, the zips inside it included\./,
        );
        const counted = { bytes: 0, entries: 0 };
        await readZip('outer.zip', bytes, { maxEntries: 2 }, counted);
        await assert.rejects(readZip('outer.zip!inner.zip', inner, { maxEntries: 2 }, counted), /the archive has 2 entries, 3 with the archives around it; FlowGuard reads at most 2/);
      });

      it('is stopped by the per-entry limit while streaming', async () => {
        // Declares exactly the limit: only counting the inflated bytes (ours or yauzl's) catches it.
        const lying = makeZip({ 'big.json': Buffer.alloc(3 * MiB) }, { declaredSize: { 'big.json': 2 * MiB } });
        const error = await rejection(lying, { maxEntryBytes: 2 * MiB, maxRatio: Infinity });
        assert.match(error.message, /big\.json/);
      });
    });

    describe('limit checks (declared and counted)', () => {
      const max = { ...DEFAULT_ZIP_LIMITS };
      it('accepts entries within every limit, small ones at any ratio', () => {
        assert.equal(limitBroken({ name: 'a', uncompressed: 64 * MiB, compressed: 1 * MiB, total: 64 * MiB }, max, true), undefined);
        assert.equal(limitBroken({ name: 'a', uncompressed: 1 * MiB, compressed: 10, total: 1 * MiB }, max, true), undefined);
      });
      it('names the limit that counted bytes pass', () => {
        assert.equal(
          limitBroken({ name: 'Workflows/X.json', uncompressed: 64 * MiB + 1, compressed: 10 * MiB, total: 64 * MiB + 1 }, max, true),
          'entry Workflows/X.json inflates past 64 MiB; FlowGuard reads at most 64 MiB per entry.',
        );
        assert.match(limitBroken({ name: 'a', uncompressed: 2 * MiB, compressed: 10 * 1024, total: 2 * MiB }, max, true) ?? '', /more than 200 times/);
        assert.match(limitBroken({ name: 'a', uncompressed: 1, compressed: 1, total: 512 * MiB + 1 }, max, true) ?? '', /inflates past 512 MiB in all/);
      });
      it('formats sizes for people', () => {
        assert.equal(formatBytes(100 * MiB), '100 MiB');
        assert.equal(formatBytes(1.5 * MiB), '1.5 MiB');
        assert.equal(formatBytes(2048), '2 KiB');
        assert.equal(formatBytes(12), '12 bytes');
        assert.equal(formatBytes(4 * 1024 * MiB - 1), '4096 MiB');
      });
    });

    it('settles for random bytes with zip signatures in them', async () => {
      // Fuzz lightly: damage each region of a real archive and require a clean settle.
      const zip = makeZip({ 'solution.xml': '<a><b/></a>', 'Workflows/x.json': '{"a": 1}' });
      for (let i = 0; i < zip.length; i += 3) {
        const damaged = Buffer.from(zip);
        damaged.writeUInt8((damaged[i] ?? 0) ^ 0x5a, i);
        try {
          await readZip('f.zip', new Uint8Array(damaged));
        } catch (error) {
          assert.ok(error instanceof ArtifactError, `byte ${i}: ${String(error)}`);
        }
      }
    });
  });

  describe('real exports', function () {
    before(function () {
      if (!corpusAvailable()) {
        console.log(`    (skipped: no corpus at ${CORPUS_DIR})`);
        this.skip();
      }
    });

    interface Counted {
      own: number;
      nested: number;
    }

    /** Checks one archive and those inside it; the flow files of this one and of the nested ones. */
    async function check(display: string, bytes: Uint8Array): Promise<Counted> {
      const archive = await readZip(display, bytes);
      const names = [...archive.entries.keys()];
      assert.ok(names.every((n) => !n.startsWith('/') && !n.includes('\\') && !n.endsWith('/')), display);
      const zips = names.filter((n) => n.toLowerCase().endsWith('.zip'));
      let own = 0;
      if (archive.entries.has('solution.xml')) {
        assert.ok(archive.entries.has('customizations.xml'), display);
        for (const xml of ['solution.xml', 'customizations.xml']) {
          const source = decodeText(`${display}!${xml}`, archive.entries.get(xml) as Uint8Array);
          assert.equal(parseXml(source).root.name, 'ImportExportXml');
        }
        // Some solutions hold only custom connectors or agents: no flow at all.
        const flows = names.filter((n) => /^Workflows\/.+\.json$/.test(n));
        for (const flow of flows) parseJson(decodeText(`${display}!${flow}`, archive.entries.get(flow) as Uint8Array));
        own = flows.length;
      } else if (archive.entries.has('manifest.json')) {
        assert.ok(archive.entries.has('Microsoft.Flow/flows/manifest.json'), display);
        own = names.filter((n) => /^Microsoft\.Flow\/flows\/[^/]+\/definition\.json$/.test(n)).length;
        assert.ok(own > 0, display);
      } else {
        // A certification package: nothing but solution zips, named with backslashes (PkgAssets\X.zip).
        assert.ok(zips.length > 0, `${display} is a solution, a legacy package or a package of zips`);
      }
      let nested = 0;
      for (const zip of zips) {
        const inner = await check(`${display}!${zip}`, archive.entries.get(zip) as Uint8Array);
        nested += inner.own + inner.nested;
      }
      return { own, nested };
    }

    it('reads every corpus zip, and the zips inside it, with the entries the manifest counts', async () => {
      const notes = new Map(corpusManifest().map((r) => [r.corpusPath, r.note]));
      const zips = corpusFiles((n) => n.endsWith('.zip'));
      assert.ok(zips.length >= 10, `found ${zips.length}`);
      let withNested = 0;
      for (const file of zips) {
        const display = path.relative(CORPUS_DIR, file).split(path.sep).join('/');
        const { own, nested } = await check(display, new Uint8Array(readFileSync(file)));
        const counts = zipNoteFlowCounts(notes.get(display) ?? '');
        assert.ok(counts.length > 0, `${display}: the manifest counts its flows`);
        assert.equal(own, counts[0], `${display}: its own flows`);
        assert.equal(own + nested, counts.reduce((a, b) => a + b, 0), `${display}: flows with the nested zips`);
        if (counts.length > 1) withNested++;
      }
      assert.ok(withNested >= 2, 'the corpus holds zips inside zips');
    });
  });
});
