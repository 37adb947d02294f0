#!/usr/bin/env node
// WeChat refuses to upload a mini-program whose main package exceeds 2 MB (each subpackage: 2 MB, all: 20 MB); our
// own limit for the main package is 1.5 MB (issue 14), so first-open download stays small on a county's 4G and the
// features still to come have room before WeChat's hard limit.
// Sums the built files of dist/weapp, taking the subpackage roots from the generated app.json, and fails the
// build when a limit is passed, so the problem shows up here rather than at upload time.
// Usage: node scripts/check-weapp-size.mjs [distDir]   (default: dist/weapp next to this script's package)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const KiB = 1024
const MAIN_LIMIT_KIB = 1536
const SUBPACKAGE_LIMIT_KIB = 2048
const TOTAL_LIMIT_KIB = 20 * 1024

const dist = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist/weapp', import.meta.url)))
const appJsonPath = join(dist, 'app.json')
if (!existsSync(appJsonPath)) {
  console.error(`no weapp build at ${dist} (app.json missing): run \`pnpm build:weapp\` first`)
  process.exit(2)
}

const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'))
// Both spellings are valid in app.json.
const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) => p.root.replace(/\/+$/, ''))

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else if (entry.isFile()) yield path
  }
}

const sizes = new Map([['', 0], ...roots.map((r) => [r, 0])])
for (const file of files(dist)) {
  const rel = relative(dist, file).split(sep).join('/')
  const owner = roots.find((root) => rel === root || rel.startsWith(`${root}/`)) ?? ''
  sizes.set(owner, sizes.get(owner) + statSync(file).size)
}

const kib = (bytes) => bytes / KiB
const fmt = (bytes) => `${kib(bytes).toFixed(1)} KiB`
const failures = []

const main = sizes.get('')
console.log(`weapp main package: ${fmt(main)} (limit ${MAIN_LIMIT_KIB} KiB)`)
if (kib(main) > MAIN_LIMIT_KIB) failures.push('main package')
for (const root of roots) {
  const size = sizes.get(root)
  console.log(`weapp subpackage ${root}: ${fmt(size)} (limit ${SUBPACKAGE_LIMIT_KIB} KiB)`)
  if (kib(size) > SUBPACKAGE_LIMIT_KIB) failures.push(`subpackage ${root}`)
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0)
console.log(`weapp total: ${fmt(total)} (limit ${TOTAL_LIMIT_KIB} KiB)`)
if (kib(total) > TOTAL_LIMIT_KIB) failures.push('total')

if (failures.length > 0) {
  console.error(`over WeChat's size limit: ${failures.join(', ')}. Move pages into subpackages or trim dependencies.`)
  process.exit(1)
}
