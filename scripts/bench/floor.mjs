// The floor any linter of flow exports stands on, as its own process: what FlowGuard cannot avoid
// doing to the same input, done as cheaply as Node allows, so `npm run bench` can print the CLI's
// whole-process CPU and peak RSS as multiples of it (GitHub issue 13).
//
//   node scripts/bench/floor.mjs [PATH...]      (PATH defaults to '.', relative to the cwd, as the CLI's)
//
// For each PATH, a folder is walked as FlowGuard walks one (node_modules and .git skipped,
// symbolic links not followed) and every .json, .xml and .zip file in it is read; a file named is
// read as it is. Then:
//   - JSON files (on disk or in a zip) are decoded as FlowGuard decodes them (UTF-8 with or
//     without BOM, UTF-16 with a BOM) and JSON.parse'd; a file that fails to parse costs its try;
//   - XML files are decoded to text (not parsed: Node has no XML parser to stand for the floor);
//   - zips are inflated in memory, every file entry, with zlib's synchronous raw inflate straight
//     from the central directory (no streams, no CRC), and the .zip entries among them are opened
//     the same way, nested up to 4 deep as FlowGuard's DEFAULT_ZIP_LIMITS.maxDepth allows.
// A zip's inflated entries are held until that zip (and the zips inside it) is done, as a loader
// must to link a solution's flows to its customizations; a parsed document is dropped at once.
// Prints one JSON line of what it did, so the bench can check it read what the CLI read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const MAX_DEPTH = 4;
const READ = /\.(json|xml|zip)$/i;

const counts = { files: 0, zips: 0, entries: 0, json: 0, jsonFailed: 0, xml: 0, bytesRead: 0, bytesInflated: 0 };
const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');
let keep = 0; // a sink, so the engine cannot drop a parse as dead code

function decode(bytes) {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return utf8.decode(bom ? bytes.subarray(3) : bytes);
}

function handle(name, bytes, depth) {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) {
    counts.json++;
    try {
      const doc = JSON.parse(decode(bytes));
      keep += typeof doc === 'object' && doc !== null ? 1 : 0;
    } catch {
      counts.jsonFailed++;
    }
  } else if (lower.endsWith('.xml')) {
    counts.xml++;
    keep += decode(bytes).length & 1;
  } else if (lower.endsWith('.zip') && depth < MAX_DEPTH) {
    unzip(bytes, depth + 1);
  }
}

/** The end of central directory record, and its zip64 form when the plain one says 0xFFFF.. */
function centralDirectory(buf) {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) !== 0x06054b50) continue;
    let count = buf.readUInt16LE(i + 10);
    let offset = buf.readUInt32LE(i + 16);
    if ((count === 0xffff || offset === 0xffffffff) && i >= 20 && buf.readUInt32LE(i - 20) === 0x07064b50) {
      const z64 = Number(buf.readBigUInt64LE(i - 12));
      count = Number(buf.readBigUInt64LE(z64 + 32));
      offset = Number(buf.readBigUInt64LE(z64 + 48));
    }
    return { count, offset };
  }
  throw new Error('not a zip');
}

/** Sizes and offset from an entry's zip64 extra field, for the fields the entry marks 0xFFFFFFFF. */
function zip64(buf, extraStart, extraEnd, sizes) {
  for (let p = extraStart; p + 4 <= extraEnd;) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      for (const key of ['uncompressed', 'compressed', 'offset']) {
        if (sizes[key] === 0xffffffff) {
          sizes[key] = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
      }
    }
    p += 4 + size;
  }
}

function unzip(bytes, depth) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let dir;
  try {
    dir = centralDirectory(buf);
  } catch {
    return; // not a zip, or truncated: FlowGuard reports it and reads nothing of it either
  }
  counts.zips++;
  const held = [];
  let p = dir.offset;
  for (let n = 0; n < dir.count && p + 46 <= buf.length && buf.readUInt32LE(p) === 0x02014b50; n++) {
    const method = buf.readUInt16LE(p + 10);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const sizes = { compressed: buf.readUInt32LE(p + 20), uncompressed: buf.readUInt32LE(p + 24), offset: buf.readUInt32LE(p + 42) };
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/\\/g, '/');
    zip64(buf, p + 46 + nameLength, p + 46 + nameLength + extraLength, sizes);
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const local = sizes.offset;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + sizes.compressed);
    let data;
    try {
      data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : undefined;
    } catch {
      data = undefined;
    }
    if (!data) continue;
    counts.entries++;
    counts.bytesInflated += data.length;
    held.push(data);
    handle(name, data, depth);
  }
  keep += held.length & 1;
}

function walk(abs) {
  const dirs = [abs];
  for (let dir = dirs.pop(); dir !== undefined; dir = dirs.pop()) {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, dirent.name);
      if (dirent.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(dirent.name)) dirs.push(full);
      } else if (dirent.isFile() && READ.test(dirent.name)) {
        readOne(full, dirent.name);
      }
    }
  }
}

function readOne(full, name) {
  const bytes = readFileSync(full);
  counts.files++;
  counts.bytesRead += bytes.length;
  handle(name, bytes, 0);
}

const paths = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const given of paths.length > 0 ? paths : ['.']) {
  const abs = path.resolve(given);
  if (statSync(abs).isDirectory()) walk(abs);
  else readOne(abs, path.basename(abs));
}
process.stdout.write(`${JSON.stringify({ ...counts, keep: keep & 1 })}\n`);
