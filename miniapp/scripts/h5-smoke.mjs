#!/usr/bin/env node
// Serves the H5 build (dist/h5) under /h5/ the way the API server does, with a stand-in /api, and drives it in
// headless Chromium: home renders (and survives a dead API with a toast), entries navigate, device login shows
// on 我的, the QR scene page reads `?s=`. Screenshots go to $H5_SHOTS_DIR (default: the OS temp dir).
// Usage: pnpm build:h5 && node scripts/h5-smoke.mjs      (needs chromium: apt-get install -y chromium)
import http from 'node:http'
import { readFileSync, existsSync, statSync, mkdtempSync, rmSync } from 'node:fs'
import { join, extname } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
// A devDependency of the workspace root, resolved from there.
import { chromium } from 'playwright-core'

const shots = process.env.H5_SHOTS_DIR ?? tmpdir()
const root = fileURLToPath(new URL('../dist/h5', import.meta.url))
if (!existsSync(join(root, 'index.html'))) {
  console.error('no H5 build: run `pnpm build:h5` first')
  process.exit(2)
}
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' }
let apiMode = 'down'
const deviceLogins = []

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x')
  if (url.pathname.startsWith('/api/')) {
    if (apiMode === 'down') return req.socket.destroy() // like a server that is not running
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      if (req.method === 'POST' && url.pathname === '/api/public/auth/device') {
        deviceLogins.push(JSON.parse(body))
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ token: 'h.e.y', expiresIn: 7200, citizen: { id: 'cit_9f8e7d6c5b4a3210', via: 'device' } }))
      }
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: 'NOT_FOUND', message: '接口不存在' }))
    })
    return
  }
  if (!url.pathname.startsWith('/h5/')) { res.writeHead(404); return res.end() }
  let file = join(root, decodeURIComponent(url.pathname.slice('/h5/'.length)))
  if (!file.startsWith(root)) { res.writeHead(404); return res.end() }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

const profile = mkdtempSync(join(tmpdir(), 'msjd-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN',
})
const results = []
const check = (name, ok, extra = '') => { results.push(ok); console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${extra ? ` — ${extra}` : ''}`) }
try {
  // 1. API down: the home page renders and the failed login is told in a toast.
  const page = await context.newPage()
  const pageErrors = []
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  await page.goto(`${base}/h5/`)
  await page.waitForURL(/#\/pages\/index\/index/, { timeout: 15000 }).catch(() => {})
  const title = page.locator('#home-title')
  await title.waitFor({ state: 'visible', timeout: 15000 })
  check('home title visible', (await title.textContent()) === '码上监督', page.url())
  for (const id of ['entry-report', 'entry-track', 'entry-tour-notices', 'entry-surveys', 'entry-business']) {
    check(`#${id} visible`, await page.locator(`#${id}`).isVisible())
  }
  const toast = page.getByText('网络连接失败，请检查网络后重试')
  await toast.waitFor({ state: 'visible', timeout: 20000 }).then(() => check('login failure toast shown', true), () => check('login failure toast shown', false))
  await page.screenshot({ path: join(shots, 'h5-home.png') })
  check('no uncaught page errors', pageErrors.length === 0, pageErrors.join(' | '))

  // Placeholder and tab navigation.
  await page.locator('#entry-surveys').click()
  await page.locator('#pending-title').waitFor({ state: 'visible', timeout: 10000 })
  check('placeholder page for 巡察调研', (await page.locator('#pending-title').textContent()) === '巡察调研', page.url())
  await page.waitForTimeout(600) // let the page transition finish
  await page.screenshot({ path: join(shots, 'h5-pending.png') })
  await page.locator('#pending-home').click()
  await page.locator('#home-title').waitFor({ state: 'visible', timeout: 10000 })
  await page.locator('#entry-report').click()
  await page.locator('#report-submit').waitFor({ state: 'visible', timeout: 10000 })
  check('report tab via entry', page.url().includes('#/pages/report/index'), page.url())

  // 2. API up: the mine page shows the device login; the scene page shows its parameter.
  apiMode = 'up'
  const page2 = await context.newPage()
  await page2.goto(`${base}/h5/#/pages/mine/index`)
  await page2.locator('#mine-status').getByText('已登录').waitFor({ timeout: 15000 }).catch(() => {})
  check('mine shows logged in', (await page2.locator('#mine-status').textContent()) === '已登录')
  check('mine shows abbreviated id', (await page2.locator('#mine-citizen-id').textContent()) === 'cit_9f…3210')
  check('mine shows via device', (await page2.locator('#mine-via').textContent()) === '本机设备标识登录')
  check('device id is 32 url-safe chars', deviceLogins.length >= 1 && /^[A-Za-z0-9_-]{32}$/.test(deviceLogins.at(-1).deviceId), JSON.stringify(deviceLogins))
  await page2.screenshot({ path: join(shots, 'h5-mine.png') })
  await page2.locator('#mine-relogin').click()
  await page2.getByText('已重新登录').waitFor({ timeout: 10000 }).then(() => check('relogin toast', true), () => check('relogin toast', false))
  check('relogin reused the device id', deviceLogins.length >= 2 && deviceLogins.at(-1).deviceId === deviceLogins[0].deviceId)

  await page2.goto(`${base}/h5/#/pages/scene/index?s=T3.u42`)
  await page2.locator('#scene-value').waitFor({ timeout: 10000 })
  check('scene page shows s', (await page2.locator('#scene-value').textContent()) === 'T3.u42')
  await page2.screenshot({ path: join(shots, 'h5-scene.png') })
} finally {
  await context.close()
  server.close()
  rmSync(profile, { recursive: true, force: true })
}
process.exit(results.every(Boolean) ? 0 : 1)
