#!/usr/bin/env node
// Loads the built weapp pages (dist/weapp) in miniprogram-simulate — WeChat's own WXML compiler over jsdom —
// and taps through them, so the mini-program output is known to run, not just to compile, without DevTools.
// WeChat's `Page()` is adapted to a component, `wx.request`/`wx.login` answer like a server would.
// The app is also launched the way WeChat launches it from a poster's code, each in a process of its own (a cold
// start): a mini-program code (scene 1047, `scene`), a 普通链接二维码 (scene 1011, `q`) on the scene page, and the same
// link on a rule that opens the home page.
// Usage: pnpm build:weapp && node scripts/weapp-smoke.mjs   (one launch only: --launch=<name>)
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const dist = fileURLToPath(new URL('../dist/weapp', import.meta.url))
if (!existsSync(join(dist, 'app.json'))) {
  console.error('no weapp build: run `pnpm build:weapp` first')
  process.exit(2)
}

const { JSDOM } = require('jsdom')
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
for (const name of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'MutationObserver', 'getComputedStyle']) {
  global[name] = name === 'window' ? dom.window : dom.window[name]
}
const simulate = require('miniprogram-simulate')
const wx = global.wx

// --- a scripted platform ------------------------------------------------------------------------------
const calls = []
const storage = new Map()
const ok = (api, opts, res = {}) => setTimeout(() => {
  const r = { errMsg: `${api}:ok`, ...res }
  opts?.success?.(r)
  opts?.complete?.(r)
})
wx.login = (opts) => { calls.push(['login']); ok('login', opts, { code: 'smoke-code' }) }
let wechatLoginEnabled = true
// The reporting routes (server/src/modules/reports/public-routes.ts), answering like the server would.
const publicView = (over = {}) => ({
  id: 'rep-1', serial: 'JB20261124-0001', category: 'zuofeng', categoryName: '作风问题', status: 'replied', statusLabel: '已答复',
  confidential: true, reportedPerson: null, content: '……', occurredAt: null, location: null, submittedAt: '2026-11-20T01:00:00.000Z',
  reply: '经核查，已责令整改。', repliedAt: '2026-11-23T02:00:00.000Z', rating: null, canRate: true, canSupplement: true, attachmentCount: 0,
  timeline: [{ at: '2026-11-20T01:00:00.000Z', kind: 'submitted', label: '提交反映', status: 'submitted', publicNote: null },
    { at: '2026-11-23T02:00:00.000Z', kind: 'replied', label: '已答复', status: 'replied', publicNote: null }],
  messages: [{ id: 'm1', sender: 'staff', body: '请补充具体发生时间。', at: '2026-11-21T02:00:00.000Z', photoCount: 0 }],
  awaitingAnswer: true, canAnswer: true,
  ...over,
})
const api = {
  '/api/public/reports/categories': () => ({ statusCode: 200, data: { items: [{ code: 'zuofeng', name: '作风问题', replyDays: 15 }] } }),
  '/api/public/reports': () => ({ statusCode: 201, data: { id: 'rep-1', serial: 'JB20261124-0001', status: 'submitted', acceptDueOn: '2026-11-27', replayed: false,
    queryCode: '1234567890123456', querySecret: 'ABCD2345', notice: '请立即保存' } }),
  '/api/public/reports/confidential': () => ({ statusCode: 201, data: { id: 'rep-1', serial: 'JB20261124-0001', status: 'submitted', acceptDueOn: '2026-11-27', replayed: false,
    queryCode: '1234567890123456', querySecret: 'ABCD2345', notice: '请立即保存' } }),
  '/api/public/reports/mine': () => ({ statusCode: 200, data: { items: [] } }),
  '/api/public/reports/lookup': () => ({ statusCode: 200, data: publicView() }),
  '/api/public/reports/lookup/rating': () => ({ statusCode: 200, data: publicView({ status: 'closed', statusLabel: '已办结', canRate: false, rating: 'satisfied' }) }),
}
const loginReply = (via) => ({ statusCode: 200, data: { token: `smoke.${via}`, expiresIn: 7200, citizen: { id: 'cit_smoke_0123456789', via } } })
wx.request = (opts) => {
  calls.push(['request', opts.method, opts.url, opts.data])
  const path = opts.url.replace('http://127.0.0.1:3000', '')
  let reply = { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
  if (path === '/api/public/auth/wechat') {
    reply = wechatLoginEnabled ? loginReply('wechat') : { statusCode: 404, data: { code: 'WECHAT_LOGIN_DISABLED', message: '未配置微信登录' } }
  } else if (path === '/api/public/auth/device') {
    reply = loginReply('device')
  } else if (path in api) {
    reply = api[path](opts)
  }
  ok('request', opts, reply)
  return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
}
wx.getRandomValues = (opts) => ok('getRandomValues', opts, { randomValues: new Uint8Array(opts.length).map(() => Math.random() * 256).buffer })
for (const name of ['switchTab', 'navigateTo', 'showToast', 'setNavigationBarTitle', 'setClipboardData', 'enableAlertBeforeUnload', 'disableAlertBeforeUnload', 'hideHomeButton']) {
  wx[name] = (opts) => { calls.push([name, opts?.url ?? opts?.title ?? opts?.data ?? opts?.message]); ok(name, opts) }
}
wx.showModal = (opts) => { calls.push(['showModal', opts.content]); ok('showModal', opts, { confirm: true, cancel: false }) }
wx.getStorageSync = (k) => (storage.has(k) ? storage.get(k) : '')
// 用户隐私保护指引 as WeChat handles it: until agreed, requirePrivacyAuthorize raises the app's listener and waits for
// its resolve; agreeing needs the id of the open-type="agreePrivacyAuthorization" button.
let privacyAuthorized = false
let privacyListener = null
const privacyAnswers = []
wx.onNeedPrivacyAuthorization = (listener) => { privacyListener = listener }
wx.requirePrivacyAuthorize = (opts) => {
  calls.push(['requirePrivacyAuthorize'])
  if (privacyAuthorized) return ok('requirePrivacyAuthorize', opts)
  if (!privacyListener) return opts.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
  privacyListener((answer) => {
    privacyAnswers.push(answer)
    if (answer.event === 'agree' && answer.buttonId) {
      privacyAuthorized = true
      ok('requirePrivacyAuthorize', opts)
    } else if (answer.event === 'disagree') opts.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
  }, { referrer: 'setClipboardData' })
}
wx.setStorageSync = (k, v) => void storage.set(k, v)
wx.removeStorageSync = (k) => void storage.delete(k)
wx.getStorage = (opts) => (storage.has(opts.key) ? ok('getStorage', opts, { data: storage.get(opts.key) }) : opts.fail?.({ errMsg: 'getStorage:fail data not found' }))

let app = null
const pages = []
global.getApp = () => app
global.getCurrentPages = () => pages
global.App = (options) => { app = options }

let route = ''
let query = {}
global.Page = (options) => {
  const methods = {}
  for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value
  global.Component({
    data: options.data,
    methods,
    lifetimes: {
      attached() {
        this.route = this.__route__ = route
        this.options = query
        pages.splice(0, pages.length, this)
        options.onLoad?.call(this, query)
        options.onShow?.call(this)
        options.onReady?.call(this)
      },
      detached() { options.onUnload?.call(this) },
    },
  })
}

// --- launches from a poster's code ---------------------------------------------------------------------
// What WeChat hands the app (App.onLaunch/onShow) and the page it opens (onLoad gets the same query, as given).
const PUBLIC_H5_URL = 'https://jb.example.gov.cn/h5'
const linkOf = (scene) => `${PUBLIC_H5_URL}/#/pages/scene/index?s=${scene}`
const tourUnitScene = (scene, roundName, unitName) => ({
  scene, kind: 'tour_unit', round: { id: 'r3', name: roundName, code: '2026-3', startsOn: '2026-11-01', endsOn: '2027-01-31', status: 'active' },
  unit: { id: `unit-${scene}`, name: unitName }, inspectedUnitId: `iu-${scene}`, group: null, monitoringPoint: null, notice: null,
})
const launches = {
  // 小程序码 (getwxacodeunlimit): WeChat passes the scene URL-encoded
  'mini-program-code': {
    options: { path: 'pages/scene/index', query: { scene: encodeURIComponent('T3.u=42') }, scene: 1047 },
    resolved: tourUnitScene('T3.u=42', '县委第三轮巡察', '城关镇人民政府'),
  },
  // 扫普通链接二维码打开小程序: the whole H5 link, encoded, as `q`, with the scan time
  'link-qr': {
    options: { path: 'pages/scene/index', query: { q: encodeURIComponent(linkOf('r8u1.Kq3_x-9Z')), scancode_time: '1764990000' }, scene: 1011 },
    resolved: tourUnitScene('r8u1.Kq3_x-9Z', '县委第八轮巡察', '县教育局'),
  },
  // the same link where the console's rule opens the home page: the app goes on to the scene page itself
  'link-qr-on-home': {
    options: { path: 'pages/index/index', query: { q: encodeURIComponent(linkOf('r8u2.Zt7_y-1A')), scancode_time: '1764990060' }, scene: 1011 },
    resolved: tourUnitScene('r8u2.Zt7_y-1A', '县委第八轮巡察', '县人力资源和社会保障局'),
  },
}
const launchName = process.argv.find((a) => a.startsWith('--launch='))?.slice('--launch='.length) ?? null
if (launchName && !launches[launchName]) {
  console.error(`unknown launch ${launchName}; one of ${Object.keys(launches).join(', ')}`)
  process.exit(2)
}
for (const { resolved } of Object.values(launches)) {
  api[`/api/public/scenes/${encodeURIComponent(resolved.scene)}`] = () => ({ statusCode: 200, data: resolved })
}
const launchOptions = launchName ? launches[launchName].options : { path: 'pages/index/index', query: {}, scene: 1001 }

require(join(dist, 'app.js'))
if (!app) throw new Error('app.js did not call App()')
app.onLaunch?.call(app, launchOptions)
app.onShow?.call(app, launchOptions)

const byId = (page, id) => page.querySelector(`#${id}`)?.dom ?? null
// Polls rather than sleeping a fixed time: rendering and the scripted answers are asynchronous, and a loaded
// machine (CI running several suites) can take far longer than an idle one.
async function until(fn, ms = 8000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (fn()) return true
    await simulate.sleep(20)
  }
  return !!fn()
}
/** Opens a page and waits until the element `readyId` has rendered. */
async function open(path, params = {}, readyId = null) {
  route = path
  query = params
  const id = simulate.load(join(dist, path), { rootPath: dist })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  await simulate.sleep(50)
  if (readyId) await until(() => !!byId(page, readyId))
  return page
}
const results = []
const check = (name, pass, extra = '') => {
  results.push(pass)
  console.log(`${pass ? 'ok  ' : 'FAIL'} ${launchName ? `[${launchName}] ` : ''}${name}${extra ? ` — ${extra}` : ''}`)
}
// Through j-component, so the WXML `bindtap="eh"` binding (Taro's event bridge) is what receives the tap.
const tap = (page, id) => page.querySelector(`#${id}`).dispatchEvent('tap')
/** A page URL's query as WeChat hands it to onLoad: split on & and =, values not decoded. */
const queryOfUrl = (url) => Object.fromEntries(url.slice(url.indexOf('?') + 1).split('&').filter(Boolean).map((p) => {
  const eq = p.indexOf('=')
  return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)]
}))

if (launchName) {
  const { options, resolved } = launches[launchName]
  const label = `${resolved.round.name} · ${resolved.unit.name}`
  // WeChat opens the page the launch names, with the launch's query
  const landing = await open(options.path, options.query, options.path === 'pages/scene/index' ? 'scene-target' : 'home-title')
  let scenePage = landing
  if (options.path !== 'pages/scene/index') {
    await until(() => calls.some((c) => c[0] === 'navigateTo'))
    const nav = calls.find((c) => c[0] === 'navigateTo')?.[1] ?? ''
    check('the launch page goes on to the scene page with the link', nav.startsWith('/pages/scene/index?q='), JSON.stringify(calls.filter((c) => c[0] !== 'request')))
    scenePage = await open('pages/scene/index', queryOfUrl(nav), 'scene-target')
  }
  const resolveCall = calls.find((c) => c[0] === 'request' && c[2].includes('/api/public/scenes/'))
  check('the scene page asks the server about the scene it was launched with',
    resolveCall?.[2] === `http://127.0.0.1:3000/api/public/scenes/${encodeURIComponent(resolved.scene)}`, JSON.stringify(resolveCall))
  check('the scene page shows the unit the scene names', byId(scenePage, 'scene-target')?.textContent === label
    && byId(scenePage, 'scene-value')?.textContent === resolved.scene, `${byId(scenePage, 'scene-target')?.textContent} / ${byId(scenePage, 'scene-value')?.textContent}`)
  check('the title bar names it too', calls.some((c) => c[0] === 'setNavigationBarTitle' && c[1] === label.slice(0, 16)), JSON.stringify(calls.filter((c) => c[0] === 'setNavigationBarTitle')))
  tap(scenePage, 'scene-report')
  await until(() => calls.some((c) => c[0] === 'switchTab'))
  const handed = storage.get('msjd.reportScene')
  check('我要反映 opens the form with that unit for this visit', calls.some((c) => c[0] === 'switchTab' && c[1] === '/pages/report/index')
    && handed?.unitId === resolved.unit.id && handed?.tourRoundId === resolved.round.id && handed?.scene === resolved.scene, JSON.stringify(handed))
  process.exit(results.length > 0 && results.every(Boolean) ? 0 : 1)
}

// --- the checks ---------------------------------------------------------------------------------------
const home = await open('pages/index/index', {}, 'home-title')
await until(() => calls.some((c) => c[0] === 'request' && c[2].endsWith('/api/public/auth/wechat')))
check('home title rendered', byId(home, 'home-title')?.textContent === '码上监督')
for (const key of ['report', 'track', 'tour-notices', 'surveys', 'business']) check(`#entry-${key} rendered`, !!byId(home, `entry-${key}`))
check('launch logged in through wx.login', calls.some((c) => c[0] === 'request' && c[2] === 'http://127.0.0.1:3000/api/public/auth/wechat' && c[3]?.code === 'smoke-code'),
  JSON.stringify(calls.filter((c) => c[0] === 'request')))

calls.length = 0
tap(home, 'entry-report')
tap(home, 'entry-business')
await until(() => calls.some((c) => c[0] === 'navigateTo'))
check('report entry switches tab', calls.some((c) => c[0] === 'switchTab' && c[1] === '/pages/report/index'), JSON.stringify(calls))
check('business entry opens 营商环境', calls.some((c) => c[0] === 'navigateTo' && c[1] === '/pages/business/index'), JSON.stringify(calls))

const mine = await open('pages/mine/index', {}, 'mine-status')
await until(() => byId(mine, 'mine-via')?.textContent === '微信登录')
check('mine shows wechat login', byId(mine, 'mine-status')?.textContent === '已登录' && byId(mine, 'mine-via')?.textContent === '微信登录',
  byId(mine, 'mine-status')?.textContent)

// Without WeChat credentials on the server, login falls back to a device id: this exercises the typed error
// (instanceof after Babel's ES5 class transform) and the wx.getRandomValues path in the real bundle.
wechatLoginEnabled = false
calls.length = 0
tap(mine, 'mine-relogin')
await until(() => byId(mine, 'mine-via')?.textContent === '本机设备标识登录')
const deviceCall = calls.find((c) => c[0] === 'request' && c[2].endsWith('/api/public/auth/device'))
check('relogin falls back to device login', byId(mine, 'mine-via')?.textContent === '本机设备标识登录' && /^[A-Za-z0-9_-]{32}$/.test(deviceCall?.[3]?.deviceId ?? ''),
  JSON.stringify(calls))


// 我要反映 → 回执 → 进度查询, through the real bundle.
wechatLoginEnabled = true
calls.length = 0
// a fresh device meets 举报须知 first: tick, 同意并继续, then the form
const report = await open('pages/report/index', {}, 'consent-gate')
check('举报须知 before the first report', !byId(report, 'report-submit') && (byId(report, 'consent-gate')?.textContent ?? '').includes('诬告陷害'))
tap(report, 'consent-agree')
await simulate.sleep(20)
tap(report, 'consent-continue')
await until(() => !!byId(report, 'report-submit'))
check('consent remembered with its version', typeof storage.get('msjd.reportNoticeConsent')?.version === 'string', JSON.stringify(storage.get('msjd.reportNoticeConsent')))
await until(() => calls.some((c) => c[0] === 'request' && c[2].endsWith('/reports/categories')))
await simulate.sleep(50)
for (const id of ['report-category', 'report-unit', 'report-person', 'report-content', 'report-time', 'report-place', 'report-confidential', 'report-name', 'report-phone', 'report-submit']) {
  check(`#${id} rendered`, !!byId(report, id))
}
const fire = (page, id, name, detail) => page.querySelector(`#${id}`).dispatchEvent(name, { detail })
fire(report, 'report-category', 'change', { value: 0 })
fire(report, 'report-content', 'input', { value: '村干部在低保评定中优亲厚友，向群众索要好处。' })
await simulate.sleep(20)
tap(report, 'report-confidential')
await until(() => !byId(report, 'report-name'))
check('保密 hides name and phone', !byId(report, 'report-name') && (byId(report, 'report-confidential-note')?.textContent ?? '').includes('保密'))
tap(report, 'report-submit')
await until(() => calls.some((c) => c[0] === 'navigateTo'))
// 保密 goes to the account-free route (no token: nothing ties it to this device's session)
const submitCall = calls.find((c) => c[0] === 'request' && c[2].endsWith('/api/public/reports/confidential'))
check('保密 report submitted on the account-free route with the draft idempotency key', submitCall?.[3]?.confidential === true && submitCall?.[3]?.category === 'zuofeng' && /^[A-Za-z0-9_-]{32}$/.test(submitCall?.[3]?.idempotencyKey ?? ''),
  JSON.stringify(submitCall))
check('receipt opened', calls.some((c) => c[0] === 'navigateTo' && c[1] === '/pages/receipt/index'), JSON.stringify(calls.filter((c) => c[0] !== 'request')))

calls.length = 0
const receiptPage = await open('pages/receipt/index', {}, 'receipt-code')
await until(() => calls.some((c) => c[0] === 'enableAlertBeforeUnload'))
check('receipt shows serial, code and secret', byId(receiptPage, 'receipt-serial')?.textContent === 'JB20261124-0001'
  && byId(receiptPage, 'receipt-code')?.textContent === '1234567890123456' && byId(receiptPage, 'receipt-secret')?.textContent === 'ABCD2345')
check('receipt guards leaving', calls.some((c) => c[0] === 'enableAlertBeforeUnload'), JSON.stringify(calls))
tap(receiptPage, 'receipt-done')
await until(() => calls.some((c) => c[0] === 'showToast'))
check('完成 refused before 我已保存', !calls.some((c) => c[0] === 'switchTab'))
const disables = () => calls.filter((c) => c[0] === 'disableAlertBeforeUnload').length
const disabledBefore = disables()
tap(receiptPage, 'receipt-saved')
await until(() => disables() > disabledBefore)
tap(receiptPage, 'receipt-done')
await until(() => calls.some((c) => c[0] === 'switchTab'))
check('完成 after 我已保存 goes to 进度查询', calls.some((c) => c[0] === 'switchTab' && c[1] === '/pages/track/index'), JSON.stringify(calls))

calls.length = 0
const track = await open('pages/track/index', {}, 'track-submit')
fire(track, 'track-code', 'input', { value: '1234567890123456' })
fire(track, 'track-secret', 'input', { value: 'abcd2345' })
await simulate.sleep(20)
tap(track, 'track-submit')
await until(() => !!byId(track, 'track-status'))
check('track shows status and reply', byId(track, 'track-status')?.textContent === '已答复' && byId(track, 'track-reply')?.textContent === '经核查，已责令整改。',
  byId(track, 'track-status')?.textContent)
check('track shows the commission\'s question and the answer form', !!byId(track, 'message-thread')?.textContent?.includes('请补充具体发生时间。') && !!byId(track, 'answer-submit'))
tap(track, 'rate-satisfied')
await until(() => byId(track, 'track-status')?.textContent === '已办结')
const rateCall = calls.find((c) => c[0] === 'request' && c[2].endsWith('/lookup/rating'))
check('rating sent and shown', rateCall?.[3]?.rating === 'satisfied' && byId(track, 'track-status')?.textContent === '已办结', JSON.stringify(rateCall))

// 巡察公示 and 巡察调研 (server/src/modules/notices, surveys): list → notice (call, copy) and list → answer → thanks.
const smokeNotice = { id: 'n1', title: '县委第八轮巡察第一巡察组进驻县教育局公告', round: { id: 'r8', name: '县委第八轮巡察', code: '2026-2', status: 'active' },
  unit: { id: 'u1', name: '县教育局' }, group: { name: '第一巡察组' }, startsOn: '2026-09-01', endsOn: '2026-11-30', contactPhone: '0371-66881001',
  contactMailbox: 'xcz1@jw.example.gov.cn', contactAddress: '县纪委监委 301 室', scope: '受理反映领导班子及其成员问题', howToReport: '电话、来信、来访',
  body: null, publishedAt: '2026-08-31T07:00:00.000Z', current: true }
const smokeSurvey = { id: 's1', tourRoundId: 'r8', roundName: '县委第八轮巡察', title: '群众满意度调研', intro: null, status: 'published',
  publishedAt: '2026-09-08T01:00:00.000Z', closedAt: null, answered: false, questions: [
    { id: 'aware', type: 'single', title: '是否知晓巡察', required: true, options: [{ id: 'yes', label: '知道' }, { id: 'no', label: '不知道' }] },
    { id: 'problems', type: 'multiple', title: '突出问题', required: true, options: [{ id: 'slow', label: '办事拖拉' }, { id: 'fees', label: '乱收费' }] },
    { id: 'score', type: 'rating', title: '总体评价', required: true },
    { id: 'advice', type: 'text', title: '意见建议', required: false, maxLength: 500 },
  ] }
Object.assign(api, {
  '/api/public/tour-notices?page=1&pageSize=20': () => ({ statusCode: 200, data: { items: [smokeNotice], total: 1, page: 1, pageSize: 20 } }),
  '/api/public/tour-notices/n1': () => ({ statusCode: 200, data: smokeNotice }),
  '/api/public/surveys?page=1&pageSize=20': () => ({ statusCode: 200, data: { items: [smokeSurvey], total: 1, page: 1, pageSize: 20 } }),
  '/api/public/surveys/s1': () => ({ statusCode: 200, data: smokeSurvey }),
  '/api/public/surveys/s1/answers': () => ({ statusCode: 201, data: { ok: true, message: '感谢您参与巡察调研！' } }),
})
for (const name of ['redirectTo', 'pageScrollTo']) {
  wx[name] = (opts) => { calls.push([name, opts?.url ?? opts?.selector]); ok(name, opts) }
}
wx.makePhoneCall = (opts) => { calls.push(['makePhoneCall', opts.phoneNumber]); ok('makePhoneCall', opts) }

calls.length = 0
const notices = await open('pages/notices/index', {}, 'notice-item-n1')
check('notice list shows the published notice', (byId(notices, 'notice-item-n1')?.textContent ?? '').includes('进驻县教育局'), byId(notices, 'notice-list')?.textContent)
tap(notices, 'notice-item-n1')
await until(() => calls.some((c) => c[0] === 'navigateTo'))
check('notice item opens the detail', calls.some((c) => c[0] === 'navigateTo' && c[1] === '/pages/notices/detail?id=n1'), JSON.stringify(calls.filter((c) => c[0] !== 'request')))
calls.length = 0
const noticePage = await open('pages/notices/detail', { id: 'n1' }, 'notice-call')
check('notice shows period and contacts', byId(noticePage, 'notice-period')?.textContent === '2026年9月1日至11月30日'
  && (byId(noticePage, 'notice-mailbox')?.textContent ?? '').includes('xcz1@jw.example.gov.cn'), byId(noticePage, 'notice-view')?.textContent)
tap(noticePage, 'notice-call')
tap(noticePage, 'notice-copy-mail')
await until(() => !!byId(noticePage, 'privacy-dialog'))
check('the clipboard waits for the in-app privacy dialog', !!byId(noticePage, 'privacy-dialog') && !calls.some((c) => c[0] === 'setClipboardData')
  && privacyAnswers.some((a) => a.event === 'exposureAuthorization'), JSON.stringify(privacyAnswers))
noticePage.querySelector('#privacy-agree').dispatchEvent('agreeprivacyauthorization')
await until(() => calls.some((c) => c[0] === 'setClipboardData'))
check('agreeing answers WeChat with the agree button id and closes the dialog', privacyAnswers.some((a) => a.event === 'agree' && a.buttonId === 'privacy-agree')
  && !byId(noticePage, 'privacy-dialog'), JSON.stringify(privacyAnswers))
check('tap to call and copy the mailbox', calls.some((c) => c[0] === 'makePhoneCall' && c[1] === '037166881001')
  && calls.some((c) => c[0] === 'setClipboardData' && c[1] === 'xcz1@jw.example.gov.cn'), JSON.stringify(calls.filter((c) => c[0] !== 'request')))
tap(noticePage, 'notice-report')
await until(() => calls.some((c) => c[0] === 'switchTab'))
check('notice 我要反映 hands over the round and unit', calls.some((c) => c[0] === 'switchTab' && c[1] === '/pages/report/index')
  && storage.get('msjd.reportScene')?.tourRoundId === 'r8', JSON.stringify(storage.get('msjd.reportScene')))
storage.delete('msjd.reportScene')

calls.length = 0
const surveys = await open('pages/surveys/index', {}, 'survey-item-s1')
check('survey list shows the open survey', byId(surveys, 'survey-item-s1-state')?.textContent === '去填写', byId(surveys, 'survey-list')?.textContent)
calls.length = 0
const answer = await open('pages/surveys/answer', { id: 's1' }, 'survey-submit')
tap(answer, 'survey-q-aware-opt-yes')
await simulate.sleep(20)
tap(answer, 'survey-submit')
await until(() => !!byId(answer, 'survey-q-problems-error'))
check('incomplete answer stopped on the device', (byId(answer, 'survey-q-problems-error')?.textContent ?? '').includes('为必答题')
  && !calls.some((c) => c[0] === 'request' && c[2].endsWith('/answers')), byId(answer, 'survey-form')?.textContent)
tap(answer, 'survey-q-problems-opt-fees')
tap(answer, 'survey-q-score-rate-4')
fire(answer, 'survey-q-advice-text', 'input', { value: '多下基层' })
await simulate.sleep(20)
tap(answer, 'survey-submit')
await until(() => calls.some((c) => c[0] === 'redirectTo'))
const answerCall = calls.find((c) => c[0] === 'request' && c[2].endsWith('/api/public/surveys/s1/answers'))
check('survey answers sent, thank-you opened', JSON.stringify(answerCall?.[3]) === JSON.stringify({ answers: { aware: 'yes', problems: ['fees'], score: 4, advice: '多下基层' } })
  && calls.some((c) => c[0] === 'redirectTo' && c[1] === '/pages/surveys/thanks'), JSON.stringify(calls.filter((c) => c[0] !== 'getRandomValues')))
const thanks = await open('pages/surveys/thanks', {}, 'survey-thanks')
check('thank-you page', byId(thanks, 'survey-thanks')?.textContent === '感谢您参与巡察调研！', byId(thanks, 'survey-thanks')?.textContent)

// each launch from a code in a fresh process, as a cold start
for (const name of Object.keys(launches)) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--launch=${name}`], { stdio: 'inherit', timeout: 120_000 })
  if (child.status !== 0) check(`launch ${name}`, false, `exit ${child.status ?? child.signal}`)
}

process.exit(results.every(Boolean) ? 0 : 1)
