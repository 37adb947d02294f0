#!/usr/bin/env node
// Draws the tab bar icons (81x81 PNG, WeChat's recommended size) from a few line shapes, using only node
// built-ins, so the icons are reproducible and need no design tool or image package.
// Run: node scripts/gen-tab-icons.mjs  (writes src/assets/tab/*.png; the PNGs are committed)
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const STROKE = 6
const COLORS = { normal: [0x7a, 0x7e, 0x83], active: [0xb3, 0x14, 0x1b] } // must match tabBar color/selectedColor

const seg = (x1, y1, x2, y2) => ({ kind: 'seg', x1, y1, x2, y2 })
const ring = (cx, cy, r) => ({ kind: 'ring', cx, cy, r })
const poly = (...pts) => pts.slice(1).map((p, i) => seg(pts[i][0], pts[i][1], p[0], p[1]))
const arc = (cx, cy, r, from, to, steps = 24) =>
  poly(...Array.from({ length: steps + 1 }, (_, i) => {
    const a = from + ((to - from) * i) / steps
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)]
  }))

const ICONS = {
  home: [...poly([10, 40], [40.5, 13], [71, 40]), ...poly([20, 33], [20, 69], [61, 69], [61, 33]), ...poly([34, 69], [34, 50], [47, 50], [47, 69])],
  report: [
    ...poly([50, 12], [17, 12], [17, 70], [61, 70], [61, 44]),
    seg(27, 28, 43, 28),
    seg(27, 42, 37, 42),
    seg(41, 51, 67, 19),
    seg(41, 51, 38, 57),
  ],
  track: [ring(35, 35, 21), seg(51, 51, 68, 68)],
  mine: [ring(40.5, 26, 14), ...arc(40.5, 72, 25, Math.PI, 2 * Math.PI)],
}

function distance(shape, x, y) {
  if (shape.kind === 'ring') return Math.abs(Math.hypot(x - shape.cx, y - shape.cy) - shape.r)
  const { x1, y1, x2, y2 } = shape
  const dx = x2 - x1
  const dy = y2 - y1
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))
}

function render(shapes, [r, g, b]) {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4) // leading 0 = PNG filter "none"
    for (let x = 0; x < SIZE; x++) {
      const d = Math.min(...shapes.map((s) => distance(s, x + 0.5, y + 0.5)))
      const coverage = Math.max(0, Math.min(1, STROKE / 2 - d + 0.5)) // one-pixel analytic anti-aliasing
      row.set([r, g, b, Math.round(coverage * 255)], 1 + x * 4)
    }
    rows.push(row)
  }
  return Buffer.concat(rows)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
function png(pixels) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tab')
mkdirSync(outDir, { recursive: true })
for (const [name, shapes] of Object.entries(ICONS)) {
  writeFileSync(join(outDir, `${name}.png`), png(render(shapes, COLORS.normal)))
  writeFileSync(join(outDir, `${name}-active.png`), png(render(shapes, COLORS.active)))
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${outDir}`)
