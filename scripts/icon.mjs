// Draws the extension's icon, images/icon.png: a shield with a check mark, 256x256 RGBA, written
// as a PNG by hand (zlib and a CRC table) so it needs no image tool and comes out the same every
// time. The Marketplace wants at least 128x128 (https://code.visualstudio.com/api/references/extension-manifest).
//
//   node scripts/icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 256;
/** Samples per pixel along each axis, for smooth edges. */
const SAMPLES = 4;

const OUTER = [0x4f, 0x8f, 0xd8];
const TOP = [0x24, 0x40, 0x6b];
const BOTTOM = [0x14, 0x22, 0x3a];
const MARK = [0xff, 0xff, 0xff];

// The shield in unit coordinates: x from -0.5 to 0.5 (0 is the middle), y from 0 (top) to 1.
const SHIELD = { top: 0.1, shoulder: 0.5, bottom: 0.92, halfWidth: 0.38, corner: 0.05 };

/** Half the shield's width at height y: straight sides, then curving in to the point. */
function halfWidthAt(y, inset) {
  const { shoulder, bottom, halfWidth } = SHIELD;
  if (y <= shoulder) return halfWidth - inset;
  const t = (y - shoulder) / (bottom - inset * 1.6 - shoulder);
  return t >= 1 ? -1 : (halfWidth - inset) * (1 - t * t);
}

function inShield(x, y, inset = 0) {
  const top = SHIELD.top + inset;
  if (y < top) return false;
  const w = halfWidthAt(y, inset);
  if (Math.abs(x) > w) return false;
  // Rounded top corners.
  const r = SHIELD.corner;
  const cx = w - r;
  const cy = top + r;
  return !(Math.abs(x) > cx && y < cy && Math.hypot(Math.abs(x) - cx, y - cy) > r);
}

function nearSegment(x, y, [ax, ay], [bx, by], radius) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= radius;
}

const CHECK = [[-0.17, 0.5], [-0.05, 0.62], [0.19, 0.37]];
const inCheck = (x, y) => nearSegment(x, y, CHECK[0], CHECK[1], 0.045) || nearSegment(x, y, CHECK[1], CHECK[2], 0.045);

/** The colour at a point, or undefined outside the shield. */
function colourAt(x, y) {
  if (!inShield(x, y)) return undefined;
  if (!inShield(x, y, 0.035)) return OUTER;
  if (inCheck(x, y)) return MARK;
  const t = (y - SHIELD.top) / (SHIELD.bottom - SHIELD.top);
  return TOP.map((c, i) => Math.round(c + (BOTTOM[i] - c) * t));
}

function pixels() {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0: none
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SAMPLES) / SIZE - 0.5, (py + (sy + 0.5) / SAMPLES) / SIZE);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a++;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
      }
      row[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels(), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const file = path.join(root, 'images', 'icon.png');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, png());
console.log(`wrote ${path.relative(root, file)}`);
