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
const reportPosts = []
const publicView = (over = {}) => ({
  id: 'rep-1', serial: 'JB20261124-0001', category: 'zuofeng', categoryName: '作风问题', status: 'replied', statusLabel: '已答复',
  confidential: true, reportedPerson: null, content: '……', occurredAt: null, location: null, submittedAt: '2026-11-20T01:00:00.000Z',
  reply: '经核查，已责令整改。', repliedAt: '2026-11-23T02:00:00.000Z', rating: null, canRate: true, canSupplement: true, attachmentCount: 0,
  timeline: [{ at: '2026-11-20T01:00:00.000Z', kind: 'submitted', label: '提交反映', status: 'submitted', publicNote: null },
    { at: '2026-11-23T02:00:00.000Z', kind: 'replied', label: '已答复', status: 'replied', publicNote: null }],
  messages: [], awaitingAnswer: false, canAnswer: false,
  ...over,
})
function submitted(body) {
  reportPosts.push(body)
  return [201, { id: 'rep-1', serial: 'JB20261124-0001', status: 'submitted', acceptDueOn: '2026-11-27', replayed: false,
    queryCode: '1234567890123456', querySecret: 'ABCD2345', notice: '请立即保存' }]
}
// Stand-ins for the reporting routes (server/src/modules/reports/public-routes.ts).
const reportApi = {
  'GET /api/public/reports/categories': () => [200, { items: [{ code: 'zuofeng', name: '作风问题', replyDays: 15 }, { code: 'luanshoufei', name: '乱收费', replyDays: 15 }] }],
  'GET /api/public/reports/mine': () => [200, { items: [] }],
  'POST /api/public/reports': (body) => submitted(body),
  // 保密 goes to the account-free route, with no token
  'POST /api/public/reports/confidential': (body) => submitted(body),
  'POST /api/public/reports/lookup': (body) => body.code === '1234567890123456' && body.secret === 'ABCD2345'
    ? [200, publicView()] : [404, { code: 'QUERY_FAILED', message: '查询码或查询密码不正确' }],
  'POST /api/public/reports/lookup/rating': (body) => [200, publicView({ status: 'in_progress', statusLabel: '办理中', canRate: false, rating: body.rating })],
}

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
      const handler = reportApi[`${req.method} ${url.pathname}`]
      if (handler) {
        const [status, data] = handler(body ? JSON.parse(body) : {})
        res.writeHead(status, { 'content-type': 'application/json' })
        return res.end(JSON.stringify(data))
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

  // 巡察调研 opens its list, which tells the dead API in place; then tab navigation from home.
  await page.locator('#entry-surveys').click()
  await page.locator('#survey-error').waitFor({ state: 'visible', timeout: 15000 })
  check('巡察调研 list via entry, API failure told in place', page.url().includes('#/pages/surveys/index'), page.url())
  await page.waitForTimeout(600) // let the page transition finish
  await page.screenshot({ path: join(shots, 'h5-surveys-down.png') })
  await page.goto(`${base}/h5/#/pages/index/index`)
  await page.locator('#home-title').waitFor({ state: 'visible', timeout: 10000 })
  await page.locator('#entry-report').click()
  // a fresh device meets 举报须知 before the first report
  await page.locator('#consent-continue').waitFor({ state: 'visible', timeout: 10000 })
  check('report tab via entry opens 举报须知 first', page.url().includes('#/pages/report/index'), page.url())

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

  // In H5 the ids sit on Taro's host elements (taro-input-core, taro-textarea-core): type into the field inside.
  const fillIn = (page, id, value) => page.locator(`#${id} input, #${id} textarea, input#${id}`).first().fill(value)

  // 3. 我要反映 (保密) -> 回执 -> 进度查询, with the ids the browser tests use.
  const page3 = await context.newPage()
  const errors3 = []
  page3.on('pageerror', (e) => errors3.push(String(e)))
  page3.on('dialog', (d) => d.accept())
  await page3.goto(`${base}/h5/#/pages/report/index`)
  await page3.locator('#consent-agree').waitFor({ timeout: 15000 })
  await page3.locator('#consent-agree').click()
  await page3.locator('#consent-continue').click()
  await page3.locator('#report-submit').waitFor({ timeout: 15000 })
  for (const id of ['report-category', 'report-unit', 'report-person', 'report-content', 'report-time', 'report-place', 'report-confidential', 'report-name', 'report-phone']) {
    check(`#${id} visible`, await page3.locator(`#${id}`).isVisible())
  }
  await page3.locator('#report-submit').click()
  await page3.locator('#report-content-error').waitFor({ timeout: 5000 }).catch(() => {})
  check('empty form: errors next to the fields', (await page3.locator('#report-content-error').textContent().catch(() => null)) === '请至少用 10 个字描述问题'
    && (await page3.locator('#report-category-error').count()) === 1)
  await page3.locator('#report-category').click()
  await page3.getByText('确定', { exact: true }).click({ timeout: 5000 }).catch(() => {})
  await fillIn(page3, 'report-unit', '城关镇人民政府')
  await fillIn(page3, 'report-content', '村干部在低保评定中优亲厚友，向群众索要好处。')
  await fillIn(page3, 'report-time', '2026年11月上旬')
  await page3.locator('#report-confidential').click()
  await page3.locator('#report-name').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
  check('保密 hides name and phone', (await page3.locator('#report-name').count()) === 0)
  await page3.screenshot({ path: join(shots, 'h5-report.png'), fullPage: true })
  await page3.locator('#report-submit').click()
  await page3.locator('#receipt-code').waitFor({ timeout: 15000 }).catch(() => {})
  const sent = reportPosts.at(-1)
  check('report sent with category, unit, key and no contact', sent?.category === 'zuofeng' && sent?.confidential === true && sent?.reportedUnitText === '城关镇人民政府' && sent?.content?.startsWith('村干部')
    && /^[A-Za-z0-9_-]{32}$/.test(sent?.idempotencyKey ?? '') && !('reporterPhone' in (sent ?? {})), JSON.stringify(sent))
  check('receipt shows serial, code and secret', (await page3.locator('#receipt-serial').textContent().catch(() => null)) === 'JB20261124-0001'
    && (await page3.locator('#receipt-code').textContent().catch(() => null)) === '1234567890123456'
    && (await page3.locator('#receipt-secret').textContent().catch(() => null)) === 'ABCD2345', page3.url())
  await page3.screenshot({ path: join(shots, 'h5-receipt.png'), fullPage: true })
  await page3.locator('#receipt-done').click()
  await page3.waitForTimeout(300)
  check('完成 refused before 我已保存', page3.url().includes('/pages/receipt/index'), page3.url())
  await page3.locator('#receipt-saved').click()
  await page3.locator('#receipt-done').click()
  await page3.locator('#track-code').waitFor({ timeout: 10000 }).catch(() => {})
  check('完成 goes to 进度查询', page3.url().includes('#/pages/track/index'), page3.url())

  await fillIn(page3, 'track-code', '1234567890123456')
  await fillIn(page3, 'track-secret', 'abcd2345')
  await page3.locator('#track-submit').click()
  await page3.locator('#track-status').waitFor({ timeout: 10000 }).catch(() => {})
  check('track shows status and reply', (await page3.locator('#track-status').textContent().catch(() => null)) === '已答复'
    && (await page3.locator('#track-reply').textContent().catch(() => null)) === '经核查，已责令整改。')
  await page3.screenshot({ path: join(shots, 'h5-track.png'), fullPage: true })
  await page3.locator('#rate-unsatisfied').click()
  // 不满意 asks why (at least 5 characters) before it is sent
  await page3.locator('#rate-reason').waitFor({ timeout: 5000 })
  await fillIn(page3, 'rate-reason', '问题没有解决，仍在收费')
  await page3.locator('#rate-reason-submit').click()
  // Taro's H5 showModal is its own dialog: confirm it.
  await page3.getByText('确定', { exact: true }).last().click({ timeout: 5000 }).catch(() => {})
  await page3.locator('#track-status').getByText('办理中').waitFor({ timeout: 10000 }).catch(() => {})
  check('不满意 reopens', (await page3.locator('#track-status').textContent().catch(() => null)) === '办理中')
  check('no uncaught page errors (report flow)', errors3.length === 0, errors3.join(' | '))
} finally {
  await context.close()
  server.close()
  rmSync(profile, { recursive: true, force: true })
}
process.exit(results.every(Boolean) ? 0 : 1)
