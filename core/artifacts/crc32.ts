import type * as Zlib from 'node:zlib';

// yauzl does not check the CRC of entries, so a damaged archive would otherwise be read as if
// whole. zlib.crc32 only exists from Node 20.15, and the engines field allows any Node 20.

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

type NativeCrc = (data: Uint8Array, value?: number) => number;
let native: NativeCrc | null | undefined;

/** Continues a CRC-32 (the zip/PNG polynomial) over `bytes`; start with `crc` 0. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  // zlib is loaded when a zip is first read, not by every run (see zip-inflate.ts).
  if (native === undefined) native = (require('node:zlib') as typeof Zlib & { crc32?: NativeCrc }).crc32 ?? null;
  return native ? native(bytes, crc) >>> 0 : crc32Portable(bytes, crc);
}

export function crc32Portable(bytes: Uint8Array, crc = 0): number {
  const t = crcTable();
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
