#!/usr/bin/env node
// Loads the built weapp pages (dist/weapp) in miniprogram-simulate — WeChat's own WXML compiler over jsdom —
// and taps through them, so the mini-program output is known to run, not just to compile, without DevTools.
// WeChat's `Page()` is adapted to a component, `wx.request`/`wx.login` answer like a server would.
// Usage: pnpm build:weapp && node scripts/weapp-smoke.mjs
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
const loginReply = (via) => ({ statusCode: 200, data: { token: `smoke.${via}`, expiresIn: 7200, citizen: { id: 'cit_smoke_0123456789', via } } })
wx.request = (opts) => {
  calls.push(['request', opts.method, opts.url, opts.data])
  const path = opts.url.replace('http://127.0.0.1:3000', '')
  let reply = { statusCode: 404, data: { code: 'NOT_FOUND', message: '接口不存在' } }
  if (path === '/api/public/auth/wechat') {
    reply = wechatLoginEnabled ? loginReply('wechat') : { statusCode: 404, data: { code: 'WECHAT_LOGIN_DISABLED', message: '未配置微信登录' } }
  } else if (path === '/api/public/auth/device') {
    reply = loginReply('device')
  }
  ok('request', opts, reply)
  return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
}
wx.getRandomValues = (opts) => ok('getRandomValues', opts, { randomValues: new Uint8Array(opts.length).map(() => Math.random() * 256).buffer })
for (const api of ['switchTab', 'navigateTo', 'showToast', 'setNavigationBarTitle']) {
  wx[api] = (opts) => { calls.push([api, opts.url ?? opts.title]); ok(api, opts) }
}
wx.getStorageSync = (k) => (storage.has(k) ? storage.get(k) : '')
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

require(join(dist, 'app.js'))
if (!app) throw new Error('app.js did not call App()')
app.onLaunch?.call(app, { path: 'pages/index/index', query: {}, scene: 1001 })
app.onShow?.call(app, { path: 'pages/index/index', query: {}, scene: 1001 })

async function open(path, params = {}) {
  route = path
  query = params
  const id = simulate.load(join(dist, path), { rootPath: dist })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  await simulate.sleep(50)
  return page
}
const byId = (page, id) => page.querySelector(`#${id}`)?.dom ?? null
const results = []
const check = (name, pass, extra = '') => { results.push(pass); console.log(`${pass ? 'ok  ' : 'FAIL'} ${name}${extra ? ` — ${extra}` : ''}`) }

// --- the checks ---------------------------------------------------------------------------------------
const home = await open('pages/index/index')
check('home title rendered', byId(home, 'home-title')?.textContent === '码上监督')
for (const key of ['report', 'track', 'tour-notices', 'surveys', 'business']) check(`#entry-${key} rendered`, !!byId(home, `entry-${key}`))
check('launch logged in through wx.login', calls.some((c) => c[0] === 'request' && c[2] === 'http://127.0.0.1:3000/api/public/auth/wechat' && c[3]?.code === 'smoke-code'),
  JSON.stringify(calls.filter((c) => c[0] === 'request')))

// Through j-component, so the WXML `bindtap="eh"` binding (Taro's event bridge) is what receives the tap.
const tap = (page, id) => page.querySelector(`#${id}`).dispatchEvent('tap')
calls.length = 0
tap(home, 'entry-report')
tap(home, 'entry-business')
await simulate.sleep(20)
check('report entry switches tab', calls.some((c) => c[0] === 'switchTab' && c[1] === '/pages/report/index'), JSON.stringify(calls))
check('business entry opens placeholder', calls.some((c) => c[0] === 'navigateTo' && c[1] === '/pages/pending/index?feature=business'))

const mine = await open('pages/mine/index')
await simulate.sleep(50)
check('mine shows wechat login', byId(mine, 'mine-status')?.textContent === '已登录' && byId(mine, 'mine-via')?.textContent === '微信登录',
  byId(mine, 'mine-status')?.textContent)

// Without WeChat credentials on the server, login falls back to a device id: this exercises the typed error
// (instanceof after Babel's ES5 class transform) and the wx.getRandomValues path in the real bundle.
wechatLoginEnabled = false
calls.length = 0
tap(mine, 'mine-relogin')
await simulate.sleep(80)
const deviceCall = calls.find((c) => c[0] === 'request' && c[2].endsWith('/api/public/auth/device'))
check('relogin falls back to device login', byId(mine, 'mine-via')?.textContent === '本机设备标识登录' && /^[A-Za-z0-9_-]{32}$/.test(deviceCall?.[3]?.deviceId ?? ''),
  JSON.stringify(calls))

const scene = await open('pages/scene/index', { scene: encodeURIComponent('T3.u=42') })
check('scene page decodes scene', byId(scene, 'scene-value')?.textContent === 'T3.u=42', byId(scene, 'scene-value')?.textContent)

process.exit(results.every(Boolean) ? 0 : 1)
