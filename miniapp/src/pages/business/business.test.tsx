import { fireEvent, render, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { router, taroMock, taroStorage } from '../../test/taro-mock'
import CampaignPage from './campaign'
import CasePage from './case'
import ComplaintPage from './complaint'
import BusinessHome from './index'
import MinePage from './mine'
import Scene from '../scene/index'

type Call = { url: string; method: string; data?: unknown }
type Reply = { statusCode: number; data: unknown }

function fakeServer(routes: Record<string, Reply | ((call: Call) => Reply)>) {
  const calls: Call[] = []
  taroMock.request.mockImplementation(async (options: Call) => {
    calls.push(options)
    const path = options.url.replace('http://api.test', '')
    const route = routes[`${options.method} ${path}`]
    if (!route) throw new Error(`unexpected ${options.method} ${path}`)
    const reply = typeof route === 'function' ? route(options) : route
    return { ...reply, header: {}, cookies: [], errMsg: 'request:ok' }
  })
  return calls
}

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null
function typeInto(c: HTMLElement, id: string, value: string) {
  const el = $(c, id)!
  if (el.tagName === 'INPUT') fireEvent.input(el, { target: { value } })
  else el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
}

async function pick(c: HTMLElement, id: string) {
  fireEvent.click($(c, id)!.firstElementChild ?? $(c, id)!)
  const confirm = await waitFor(() => {
    const found = Array.from(document.querySelectorAll('.taro-picker__action')).find((el) => el.textContent === '确定')
    if (!found) throw new Error('picker not open')
    return found
  })
  fireEvent.click(confirm)
}

const login = { statusCode: 200, data: { token: 'tok', expiresIn: 3600, citizen: { id: 'citizen-1', via: 'device' } } }
const POINT = '33333333-3333-4333-8333-333333333333'
const CAMPAIGN = '44444444-4444-4444-8444-444444444444'
const ITEM = '55555555-5555-4555-8555-555555555555'
const UNIT = '11111111-1111-4111-8111-111111111111'
const REPORT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
const CASE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'
const enterprise = { id: 'e1', creditCode: '91350100M000100Y43', name: '某某建材有限公司', monitoringPointId: POINT, monitoringPointName: '城关镇监测点' }
const bound = { statusCode: 200, data: { enterprise, contact: { name: '王五', phoneMasked: '138****0000' } } }
const publicCampaign = { id: CAMPAIGN, name: '第四季度评议', description: null, startsOn: '2026-10-01', endsOn: '2026-12-31', targetCount: 2, ratedCount: 1 }

beforeEach(() => {
  taroStorage.set('msjd.deviceId', 'd'.repeat(32))
  Object.assign(taroMock, { redirectTo: vi.fn(async (_o: { url: string }) => ({ errMsg: 'redirectTo:ok' })) })
})

describe('营商环境 home and binding', () => {
  it('binds at the point the scanned QR code named, checking the credit code as it is typed', async () => {
    taroStorage.set('msjd.businessPoint', { id: POINT, name: '城关镇监测点' })
    const calls = fakeServer({
      'POST /api/public/auth/device': login,
      'GET /api/public/business/me': { statusCode: 200, data: { enterprise: null, contact: null } },
      'POST /api/public/business/bind': bound,
      'GET /api/public/business/campaigns': { statusCode: 200, data: { items: [publicCampaign] } },
    })
    const { container } = render(<BusinessHome />)
    await waitFor(() => expect($(container, 'biz-bind')).not.toBeNull())
    expect(text(container, 'biz-point')).toContain('城关镇监测点')
    expect($(container, 'biz-invite-code')).toBeNull()

    typeInto(container, 'biz-credit-code', '91350100M000100Y44')
    await waitFor(() => expect(text(container, 'biz-credit-code-error')).toBe('统一社会信用代码校验位不正确，请核对后重新输入'))
    fireEvent.click($(container, 'biz-bind-submit')!)
    await waitFor(() => expect(text(container, 'biz-name-error')).toBe('企业名称至少 2 个字'))
    expect(calls.some((c) => c.url.endsWith('/bind'))).toBe(false)

    typeInto(container, 'biz-credit-code', '9135 0100 m000100y43')
    typeInto(container, 'biz-name', '某某建材有限公司')
    typeInto(container, 'biz-contact-name', '王五')
    typeInto(container, 'biz-contact-phone', '13800000000')
    await waitFor(() => expect($(container, 'biz-credit-code-error')).toBeNull())
    fireEvent.click($(container, 'biz-bind-submit')!)
    await waitFor(() => expect(text(container, 'biz-enterprise-name')).toBe('某某建材有限公司'))
    expect(calls.find((c) => c.url.endsWith('/bind'))?.data).toEqual({
      creditCode: '9135 0100 m000100y43',
      name: '某某建材有限公司',
      contactName: '王五',
      contactPhone: '13800000000',
      monitoringPointId: POINT,
    })
    // the hand-over is used once
    expect(taroStorage.has('msjd.businessPoint')).toBe(false)
    await waitFor(() => expect(text(container, 'biz-campaign-0')).toContain('已评价 1 / 2 项'))
    fireEvent.click($(container, 'biz-campaign-0')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `/pages/business/campaign?id=${CAMPAIGN}` })
  })

  it('puts the server refusing the credit code under that field', async () => {
    fakeServer({
      'POST /api/public/auth/device': login,
      'GET /api/public/business/me': { statusCode: 200, data: { enterprise: null, contact: null } },
      'GET /api/public/business/invites/ABCD2345': { statusCode: 200, data: { monitoringPoint: { id: POINT, code: 'JC01', name: '城关镇监测点', address: null } } },
      'POST /api/public/business/bind': {
        statusCode: 409,
        data: { code: 'ENTERPRISE_BOUND_ELSEWHERE', message: '该企业已在其他监测点绑定', issues: [{ path: 'creditCode', code: 'ENTERPRISE_BOUND_ELSEWHERE', message: '该企业已在其他监测点绑定' }] },
      },
    })
    const { container } = render(<BusinessHome />)
    await waitFor(() => expect($(container, 'biz-invite-code')).not.toBeNull())
    typeInto(container, 'biz-credit-code', '91350100M000100Y43')
    typeInto(container, 'biz-name', '某某建材有限公司')
    typeInto(container, 'biz-contact-name', '王五')
    typeInto(container, 'biz-contact-phone', '0571-88888888')
    typeInto(container, 'biz-invite-code', 'abcd2345')
    await waitFor(() => expect(text(container, 'biz-invite-point')).toBe('监测点：城关镇监测点'))
    fireEvent.click($(container, 'biz-bind-submit')!)
    await waitFor(() => expect(text(container, 'biz-credit-code-error')).toBe('该企业已在其他监测点绑定'))
  })
})

describe('rating in a campaign', () => {
  const targets = (level: number | null) => ({
    statusCode: 200,
    data: {
      campaign: publicCampaign,
      items: [
        { targetType: 'service_item', targetId: ITEM, name: '食品经营许可证核发', unitId: UNIT, unitName: '县市场监督管理局', evaluationId: level ? 'ev1' : null, level },
        { targetType: 'unit', targetId: UNIT, name: '县市场监督管理局', unitId: UNIT, unitName: '县市场监督管理局', evaluationId: 'ev0', level: 5 },
      ],
    },
  })

  it('rates 不满意 after saying a case will be opened, then offers to follow that case', async () => {
    router.params = { id: CAMPAIGN }
    let rated = false
    const calls = fakeServer({
      'POST /api/public/auth/device': login,
      [`GET /api/public/business/campaigns/${CAMPAIGN}/targets`]: () => targets(rated ? 2 : null),
      'POST /api/public/business/evaluations': () => {
        rated = true
        return {
          statusCode: 201,
          data: {
            id: 'ev1', campaignId: CAMPAIGN, campaignName: '第四季度评议', targetType: 'service_item', targetId: ITEM, targetName: '食品经营许可证核发', unitName: '县市场监督管理局',
            level: 2, levelLabel: '不满意', dimensions: { efficiency: 1 }, comment: '材料反复退回', createdAt: '2026-11-24T02:00:00.000Z',
            complaint: { id: CASE, reportId: REPORT, serial: 'JB20261124000003', status: 'submitted', statusLabel: '已提交' },
          },
        }
      },
    })
    const { container } = render(<CampaignPage />)
    await waitFor(() => expect(text(container, 'biz-target-0')).toContain('评价 ›'))
    expect(text(container, 'biz-target-1')).toContain('非常满意')
    fireEvent.click($(container, 'biz-target-0')!)
    await waitFor(() => expect(text(container, 'biz-rate-target')).toBe('食品经营许可证核发'))
    fireEvent.click($(container, 'biz-rate-submit')!)
    await waitFor(() => expect(text(container, 'biz-level-error')).toBe('请选择评价等级'))

    fireEvent.click($(container, 'biz-level-2')!)
    await waitFor(() => expect(text(container, 'biz-bad-notice')).toContain('15 个工作日'))
    fireEvent.click($(container, 'biz-dim-efficiency-1')!)
    typeInto(container, 'biz-comment', '材料反复退回')
    fireEvent.click($(container, 'biz-rate-submit')!)
    await waitFor(() => expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `/pages/business/case?id=${CASE}` }))
    expect(taroMock.showModal.mock.calls[0][0].content).toContain('差评整改件')
    expect(taroMock.showModal.mock.calls[1][0]).toMatchObject({ title: '已转为差评整改件', confirmText: '查看进度' })
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/evaluations'))?.data).toEqual({
      campaignId: CAMPAIGN,
      targetType: 'service_item',
      targetId: ITEM,
      level: 2,
      dimensions: { efficiency: 1 },
      comment: '材料反复退回',
    })
    // both rated now: the unit comes first, the item just rated after it
    await waitFor(() => expect(text(container, 'biz-target-1')).toContain('食品经营许可证核发不满意'))
  })

  it('says so when this item was already rated in the campaign', async () => {
    router.params = { id: CAMPAIGN }
    fakeServer({
      'POST /api/public/auth/device': login,
      [`GET /api/public/business/campaigns/${CAMPAIGN}/targets`]: targets(null),
      'POST /api/public/business/evaluations': { statusCode: 409, data: { code: 'ALREADY_EVALUATED', message: '本次评议中贵企业已评价过该事项' } },
    })
    const { container } = render(<CampaignPage />)
    await waitFor(() => expect($(container, 'biz-target-0')).not.toBeNull())
    fireEvent.click($(container, 'biz-target-0')!)
    await waitFor(() => expect($(container, 'biz-level-5')).not.toBeNull())
    fireEvent.click($(container, 'biz-level-5')!)
    fireEvent.click($(container, 'biz-rate-submit')!)
    await waitFor(() => expect(text(container, 'biz-rate-error')).toBe('本次评议中贵企业已评价过该事项'))
    // a good rating needs no warning
    expect(taroMock.showModal).not.toHaveBeenCalled()
  })
})

describe('complaint, its handling and the history', () => {
  it('files a complaint about a unit with one idempotency key and opens its case', async () => {
    // the H5 picker (what jsdom renders) scrolls without asking for the system info there
    process.env.TARO_ENV = 'h5'
    const calls = fakeServer({
      'POST /api/public/auth/device': login,
      'GET /api/public/business/units': { statusCode: 200, data: { items: [{ id: UNIT, code: 'BM001', name: '县市场监督管理局' }] } },
      'POST /api/public/business/complaints': {
        statusCode: 201,
        data: {
          id: CASE, kind: 'complaint', kindLabel: '企业投诉', category: 'attitude', categoryLabel: '服务态度差', targetName: '县市场监督管理局', unitName: '县市场监督管理局',
          reportId: REPORT, serial: 'JB20261124000004', status: 'submitted', statusLabel: '已提交', replyDueOn: null, createdAt: '2026-11-24T02:00:00.000Z',
        },
      },
    })
    taroMock.getRandomValues.mockImplementation(() => undefined)
    const { container } = render(<ComplaintPage />)
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/business/units'))).toBe(true))
    fireEvent.click($(container, 'biz-complaint-submit')!)
    await waitFor(() => expect(text(container, 'biz-target-error')).toBe('请选择被投诉的单位'))
    // H5's picker opens on a tap and answers on 确定 with the row it starts on (the first)
    await pick(container, 'biz-unit')
    await pick(container, 'biz-category')
    typeInto(container, 'biz-content', '窗口人员态度恶劣，多次刁难企业办事')
    await waitFor(() => expect($(container, 'biz-target-error')).toBeNull())
    fireEvent.click($(container, 'biz-complaint-submit')!)
    await waitFor(() => expect((taroMock as unknown as { redirectTo: ReturnType<typeof vi.fn> }).redirectTo).toHaveBeenCalledWith({ url: `/pages/business/case?id=${CASE}` }))
    const body = calls.find((c) => c.method === 'POST' && c.url.endsWith('/complaints'))?.data as Record<string, unknown>
    expect(body).toMatchObject({ targetType: 'unit', targetId: UNIT, category: 'efficiency', content: '窗口人员态度恶劣，多次刁难企业办事' })
    expect(String(body.idempotencyKey)).toMatch(/^[A-Za-z0-9_-]{32}$/)
  })

  it('shows the reply of a case and lets any member of the enterprise confirm it', async () => {
    router.params = { id: CASE }
    const view = (rated: boolean) => ({
      statusCode: 200,
      data: {
        id: REPORT, serial: 'JB20261124000003', category: 'business_bad_rating', categoryName: '差评整改', status: rated ? 'closed' : 'replied', statusLabel: rated ? '已办结' : '已答复',
        confidential: false, reportedPerson: null, content: '材料反复退回', occurredAt: null, location: null, attachmentCount: 0, submittedAt: '2026-11-24T02:00:00.000Z',
        reply: '已约谈窗口负责人，材料一次性告知清单已张贴。', repliedAt: '2026-11-26T02:00:00.000Z', rating: rated ? 'satisfied' : null,
        canRate: !rated, canSupplement: false, messages: [], awaitingAnswer: false, canAnswer: false,
        timeline: [
          { at: '2026-11-24T02:00:00.000Z', kind: 'submitted', label: '提交', status: 'submitted', publicNote: null },
          { at: '2026-11-26T02:00:00.000Z', kind: 'replied', label: '答复', status: 'replied', publicNote: null },
        ],
      },
    })
    let rated = false
    const calls = fakeServer({
      'POST /api/public/auth/device': login,
      [`GET /api/public/business/complaints/${CASE}`]: view(false),
      [`POST /api/public/business/complaints/${CASE}/rating`]: () => {
        rated = true
        return view(rated)
      },
    })
    const { container } = render(<CasePage />)
    await waitFor(() => expect(text(container, 'biz-case-reply')).toContain('已约谈窗口负责人'))
    expect(text(container, 'biz-case-status')).toBe('已答复')
    expect(container.querySelectorAll('[id^=biz-case-step-]')).toHaveLength(2)
    fireEvent.click($(container, 'biz-case-rate-satisfied')!)
    await waitFor(() => expect(text(container, 'biz-case-status')).toBe('已办结'))
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/rating'))?.data).toEqual({ rating: 'satisfied' })
  })

  it('disputes an answer only with a reason, which goes to the server', async () => {
    router.params = { id: CASE }
    const view = (status: 'replied' | 'in_progress') => ({
      statusCode: 200,
      data: {
        id: 'rep-9', serial: 'JB20261124-0009', category: 'business_complaint', categoryName: '营商环境投诉', status, statusLabel: status === 'replied' ? '已答复' : '办理中',
        confidential: false, reportedPerson: null, content: '材料反复退回', occurredAt: null, location: null, attachmentCount: 0, submittedAt: '2026-11-24T02:00:00.000Z',
        reply: '已约谈窗口负责人。', repliedAt: '2026-11-26T02:00:00.000Z', rating: null,
        canRate: status === 'replied', canSupplement: false, messages: [], awaitingAnswer: false, canAnswer: false,
        timeline: [{ at: '2026-11-24T02:00:00.000Z', kind: 'submitted', label: '提交', status: 'submitted', publicNote: null }],
      },
    })
    const calls = fakeServer({
      'POST /api/public/auth/device': login,
      [`GET /api/public/business/complaints/${CASE}`]: view('replied'),
      [`POST /api/public/business/complaints/${CASE}/rating`]: () => view('in_progress'),
    })
    const { container } = render(<CasePage />)
    await waitFor(() => expect(text(container, 'biz-case-status')).toBe('已答复'))
    fireEvent.click($(container, 'biz-case-rate-unsatisfied')!)
    await waitFor(() => expect($(container, 'biz-case-reason')).toBeTruthy())
    fireEvent.click($(container, 'biz-case-reason-submit')!)
    await waitFor(() => expect(text(container, 'biz-case-reason-error')).toContain('至少 5 个字'))
    expect(calls.filter((c) => c.method === 'POST' && c.url.endsWith('/rating'))).toEqual([])
    // taro-textarea-core reports typing as a CustomEvent with the value in detail
    container.querySelector('#biz-case-reason-text')!.dispatchEvent(new CustomEvent('input', { detail: { value: '退回理由仍然没有一次性告知' }, bubbles: true }))
    fireEvent.click($(container, 'biz-case-reason-submit')!)
    await waitFor(() => expect(text(container, 'biz-case-status')).toBe('办理中'))
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/rating'))?.data).toEqual({ rating: 'unsatisfied', comment: '退回理由仍然没有一次性告知' })
  })

  it('lists past evaluations and complaints, opening the case of each', async () => {
    fakeServer({
      'POST /api/public/auth/device': login,
      'GET /api/public/business/evaluations/mine': {
        statusCode: 200,
        data: {
          items: [
            {
              id: 'ev1', campaignId: CAMPAIGN, campaignName: '第四季度评议', targetType: 'service_item', targetId: ITEM, targetName: '食品经营许可证核发', unitName: '县市场监督管理局',
              level: 2, levelLabel: '不满意', dimensions: { efficiency: 1, policy: 3 }, comment: '材料反复退回', createdAt: '2026-11-24T02:00:00.000Z',
              complaint: { id: CASE, reportId: REPORT, serial: 'JB20261124000003', status: 'accepted', statusLabel: '已受理' },
            },
          ],
        },
      },
      'GET /api/public/business/complaints/mine': { statusCode: 200, data: { items: [] } },
    })
    const { container } = render(<MinePage />)
    await waitFor(() => expect(text(container, 'biz-evaluation-0')).toContain('差评整改 JB20261124000003：已受理'))
    expect(text(container, 'biz-evaluation-0')).toContain('办事效率 1 分，政策落实 3 分')
    fireEvent.click($(container, 'biz-evaluation-0')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `/pages/business/case?id=${CASE}` })
    fireEvent.click($(container, 'biz-tab-complaints')!)
    await waitFor(() => expect(text(container, 'biz-complaints')).toContain('还没有投诉'))
  })
})

describe('a monitoring point QR code', () => {
  it('offers 企业评价与投诉, handing the point to the bind form', async () => {
    router.params = { scene: 'P1.sig' }
    fakeServer({
      'POST /api/public/auth/device': login,
      'GET /api/public/scenes/P1.sig': {
        statusCode: 200,
        data: {
          scene: 'P1.sig', kind: 'monitoring_point', round: null, unit: null, inspectedUnitId: null, group: null, notice: null,
          monitoringPoint: { id: POINT, code: 'JC01', name: '城关镇监测点', address: null },
        },
      },
    })
    const { container } = render(<Scene />)
    await waitFor(() => expect($(container, 'scene-business')).not.toBeNull())
    fireEvent.click($(container, 'scene-business')!)
    expect(taroStorage.get('msjd.businessPoint')).toEqual({ id: POINT, name: '城关镇监测点' })
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/business/index' })
  })

  it('is not offered on an inspected unit code', async () => {
    router.params = { scene: 'T1.sig' }
    fakeServer({
      'POST /api/public/auth/device': login,
      'GET /api/public/scenes/T1.sig': {
        statusCode: 200,
        data: {
          scene: 'T1.sig', kind: 'tour_unit', round: { id: 'r1', name: '第三轮巡察', code: 'R3', startsOn: '2026-10-01', endsOn: '2026-12-31', status: 'active' },
          unit: { id: UNIT, name: '县市场监督管理局' }, inspectedUnitId: 'i1', group: null, notice: null, monitoringPoint: null,
        },
      },
    })
    const { container } = render(<Scene />)
    await waitFor(() => expect($(container, 'scene-target')).not.toBeNull())
    expect($(container, 'scene-business')).toBeNull()
  })
})
