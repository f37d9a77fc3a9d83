import type * as Yauzl from 'yauzl';
import { crc32 } from './crc32';
import { inflateEntry } from './zip-inflate';
import { ArtifactError } from './source';
import { DEFAULT_ZIP_LIMITS, limitBroken, type ZipBudget, type ZipLimits } from './zip-limits';

export { DEFAULT_ZIP_LIMITS, type ZipBudget, type ZipLimits } from './zip-limits';

export interface ZipArchive {
  /** Display path of the archive, as given to readZip. */
  readonly path: string;
  /** File entries by name: '/' separators, no leading '/' or './'; directories left out. */
  readonly entries: Map<string, Uint8Array>;
}

/**
 * Reads every file of a zip into memory, never touching the disk. The limits are checked on
 * the bytes actually inflated, not only on the sizes the archive declares, because a hostile
 * archive may lie about them. Any problem is an ArtifactError naming the archive; the promise
 * always settles and the archive is always closed. A zip read out of another zip shares that
 * one's `budget`, so its entries and bytes count against the outer archive's limits.
 */
export function readZip(path: string, bytes: Uint8Array, limits?: Partial<ZipLimits>, budget?: ZipBudget): Promise<ZipArchive> {
  const max: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const entries = new Map<string, Uint8Array>();
  const used: ZipBudget = budget ?? { bytes: 0, entries: 0 };

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise<ZipArchive>((resolve, reject) => {
    let zipfile: Yauzl.ZipFile | undefined;
    let settled = false;

    const finish = (error?: ArtifactError) => {
      if (settled) return;
      settled = true;
      zipfile?.close();
      if (error) reject(error);
      else resolve({ path, entries });
    };
    const fail = (message: string) => finish(new ArtifactError(path, `${path}: ${message}`));
    const damaged = (error: unknown, entry?: string) => fail(describeDamage(error, entry));

    const readEntry = (zf: Yauzl.ZipFile, entry: Yauzl.Entry) => {
      const raw = entry.fileName;
      const name = normaliseEntryName(raw);
      if (raw.endsWith('/') || name === '') return zf.readEntry();
      // Names end up in terminals and reports; control characters there could rewrite the screen.
      if (/[\u0000-\u001f\u007f]/.test(name)) return fail(`an entry name holds control characters (${JSON.stringify(name)}); the archive was not made by Power Platform.`);
      if (entries.has(name)) return fail(`the archive holds the entry ${name} twice; it is damaged or was made to mislead.`);
      if (entry.isEncrypted()) return fail(`entry ${name} is encrypted; FlowGuard cannot read password-protected archives.`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        return fail(`entry ${name} uses compression method ${entry.compressionMethod}; FlowGuard reads only stored and deflated entries, as Power Platform writes them.`);
      }
      const declared = limitBroken({ name, uncompressed: entry.uncompressedSize, compressed: entry.compressedSize, total: used.bytes + entry.uncompressedSize }, max, false);
      if (declared) return fail(declared);

      zf.readLocalFileHeader(entry, { minimal: true }, (error, header) => {
        if (settled) return;
        if (error || !header) return damaged(error, name);
        let inflated;
        try {
          inflated = inflateEntry(buffer, header.fileDataStart, { name, compressionMethod: entry.compressionMethod, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize }, max, used.bytes);
        } catch (thrown) {
          return damaged(thrown, name);
        }
        if ('refused' in inflated) return fail(inflated.refused);
        if ('damaged' in inflated) return damaged(inflated.damaged, name);
        const data = inflated.data;
        used.bytes += data.length;
        if (crc32(data) !== entry.crc32) return fail(`entry ${name} fails its checksum; the archive is damaged. Export the solution again.`);
        entries.set(name, data);
        zf.readEntry();
      });
    };

    try {
      // Loaded when a zip is first read, not by every run (zip-inflate.ts says why).
      (require('yauzl') as typeof Yauzl).fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (error, zf) => {
        if (error || !zf) return damaged(error);
        zipfile = zf;
        if (settled) return zf.close();
        if (used.entries + zf.entryCount > max.maxEntries) {
          return fail(used.entries === 0
            ? `the archive has ${zf.entryCount} entries; FlowGuard reads at most ${max.maxEntries}.`
            : `the archive has ${zf.entryCount} entries, ${used.entries + zf.entryCount} with the archives around it; FlowGuard reads at most ${max.maxEntries}, the zips inside an archive included.`);
        }
        used.entries += zf.entryCount;
        zf.on('error', (zipError) => damaged(zipError));
        zf.on('end', () => finish());
        zf.on('entry', (entry: Yauzl.Entry) => {
          if (settled) return;
          try {
            readEntry(zf, entry);
          } catch (thrown) {
            damaged(thrown);
          }
        });
        zf.readEntry();
      });
    } catch (thrown) {
      damaged(thrown);
    }
  });
}

/**
 * Windows tools may write backslashes (yauzl already turns them into '/'); './' and empty
 * segments are harmless and dropped. Absolute names and '..' are rejected by yauzl before this.
 */
export function normaliseEntryName(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** Turns yauzl's and zlib's terse errors into a sentence a maker can act on. */
function describeDamage(error: unknown, entry?: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(detail)) {
    return 'this is not a zip archive, or it is truncated (no end of central directory record).';
  }
  if (/^absolute path: /.test(detail)) {
    return `entry ${detail.slice('absolute path: '.length)} has an absolute path; FlowGuard reads only archives with relative entry names.`;
  }
  if (/^invalid relative path: /.test(detail)) {
    return `entry ${detail.slice('invalid relative path: '.length)} climbs out of the archive with '..'; FlowGuard does not read it.`;
  }
  if (entry && /too many bytes|not enough bytes/.test(detail)) {
    return `entry ${entry} inflates to a different size than the archive declares; the archive is damaged or was made to mislead.`;
  }
  if (/strong encryption/i.test(detail)) return 'the archive is encrypted; FlowGuard cannot read password-protected archives.';
  const where = entry ? ` at entry ${entry}` : '';
  return `the archive is damaged or truncated${where} (${detail}). Export the solution again.`;
}
