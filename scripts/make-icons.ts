/**
 * Draws the toolbar and store icons (public/icon/{16,32,48,96,128}.png): a stopwatch on a green
 * tile, for "time measured honestly". Run once after changing the drawing: `npx tsx scripts/make-icons.ts`.
 * Plain zlib PNG encoding; no image library is needed for a few shapes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const GREEN: Rgba = [10, 107, 79, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Colour at a point of the unit square [0,1]². */
function shade(x: number, y: number): Rgba {
  const r = 0.18; // corner radius of the tile
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return CLEAR;
  const dx = x - 0.5;
  const dy = y - 0.55;
  const d = Math.hypot(dx, dy);
  if (d > 0.27 && d < 0.35) return WHITE; // the dial's ring
  if (x > 0.45 && x < 0.55 && y > 0.1 && y < 0.2) return WHITE; // the crown
  // The hand, from the centre towards two o'clock.
  const t = (dx * 0.6 - dy * 0.8) / 1;
  const off = Math.abs(dx * 0.8 + dy * 0.6);
  if (t > -0.02 && t < 0.2 && off < 0.035) return WHITE;
  if (d < 0.045) return WHITE;
  return GREEN;
}

function render(size: number): Buffer {
  const ss = 4; // supersampling per axis, for smooth edges at 16 px
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const acc: [number, number, number, number] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          const a = c[3] / 255;
          acc[0] += c[0] * a;
          acc[1] += c[1] * a;
          acc[2] += c[2] * a;
          acc[3] += c[3];
        }
      }
      const n = ss * ss;
      const alpha = acc[3] / n;
      const k = alpha > 0 ? 255 / (alpha * n) : 0;
      row.set([acc[0] * k, acc[1] * k, acc[2] * k, alpha].map(Math.round), 1 + px * 4);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size: number, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const dir = join(import.meta.dirname, '..', 'public', 'icon');
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(join(dir, `${size}.png`), render(size));
