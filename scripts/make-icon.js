// Draws the Glue Desk icon (resources/icon.png, 512 px) and the renderer favicon (64 px) with
// no image packages: signed distances, 4x4 supersampling, zlib-compressed RGBA PNG.
// Run: node scripts/make-icon.js
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in a unit square (0..1). Negative distance = inside.
const roundedSquare = (x, y, half, r) => {
  const qx = Math.abs(x - 0.5) - half + r;
  const qy = Math.abs(y - 0.5) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Colour (premultiplied-free RGBA 0..1) of one sample point. */
function sample(x, y) {
  const bg = roundedSquare(x, y, 0.44, 0.1);
  if (bg > 0) return [0, 0, 0, 0];
  // Indigo to teal, top-left to bottom-right.
  let c = mix([0.24, 0.33, 0.93], [0.05, 0.65, 0.75], (x + y) / 2);
  // A "G" drawn as a thick ring open on the right, with its bar: the glue that holds the desk.
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  const angle = Math.atan2(dy, dx); // 0 = right, positive = down
  const ring = Math.abs(r - 0.2) < 0.055 && !(angle > -0.75 && angle < 0.05);
  const bar = dy > -0.03 && dy < 0.045 && dx > 0.01 && dx < 0.255;
  const stem = dx > 0.19 && dx < 0.255 && dy > -0.03 && dy < 0.16 && r < 0.255;
  // A desk line under the G.
  const desk = y > 0.77 && y < 0.805 && x > 0.26 && x < 0.74;
  if (ring || bar || stem || desk) c = [1, 1, 1];
  return [...c, 1];
}

function render(size) {
  const out = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [cr, cg, cb, ca] = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      out[i] = a ? Math.round((r / a) * 255) : 0;
      out[i + 1] = a ? Math.round((g / a) * 255) : 0;
      out[i + 2] = a ? Math.round((b / a) * 255) : 0;
      out[i + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return png(size, out);
}

writeFileSync(join(root, 'resources', 'icon.png'), render(512));
writeFileSync(join(root, 'renderer', 'favicon.png'), render(64));
process.stderr.write('wrote resources/icon.png (512) and renderer/favicon.png (64)\n');
