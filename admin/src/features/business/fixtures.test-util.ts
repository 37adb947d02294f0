import type { BusinessStats, CampaignView, ComplaintView, EvaluationView, MonitoringPointDetail, ServiceItemView } from '@msjd/shared'
import { mockServer } from '../../test/http'
import { demoUser } from '../../test/render'

export const unitA = '11111111-1111-4111-8111-111111111111'
export const unitB = '11111111-1111-4111-8111-222222222222'
export const pointA = '33333333-3333-4333-8333-333333333333'
export const campaignA = '44444444-4444-4444-8444-444444444444'
export const itemA = '55555555-5555-4555-8555-555555555555'
export const evaluationA = '66666666-6666-4666-8666-666666666666'
export const reportA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'

export function serviceItem(over: Partial<ServiceItemView> = {}): ServiceItemView {
  return {
    id: itemA,
    code: 'SC0001',
    name: '食品经营许可证核发',
    unitId: unitA,
    unitCode: 'BM001',
    unitName: '县市场监督管理局',
    promisedDays: 10,
    materials: ['申请书', '营业执照复印件'],
    updatedAt: '2026-11-20T02:00:00.000Z',
    ...over,
  }
}

export function point(over: Partial<MonitoringPointDetail> = {}): MonitoringPointDetail {
  return {
    id: pointA,
    code: 'JC01',
    name: '城关镇监测点',
    address: '城关镇人民路 1 号',
    contact: '李四',
    phone: '13800000000',
    unitId: null,
    unitName: null,
    active: true,
    inviteCode: 'ABCD2345',
    enterpriseCount: 1,
    evaluationCount: 3,
    enterprises: [
      {
        id: '77777777-7777-4777-8777-777777777777',
        creditCode: '91330102MA2H0K8B4T',
        name: '某某建材有限公司',
        monitoringPointId: pointA,
        monitoringPointName: '城关镇监测点',
        memberCount: 1,
        evaluationCount: 3,
        complaintCount: 0,
        createdAt: '2026-11-01T02:00:00.000Z',
      },
    ],
    ...over,
  }
}

export function campaign(over: Partial<CampaignView> = {}): CampaignView {
  return {
    id: campaignA,
    name: '2026年第四季度政务服务评议',
    description: null,
    startsOn: '2026-10-01',
    endsOn: '2026-12-31',
    status: 'draft',
    statusLabel: '未发布',
    accepting: false,
    monitoringPoints: [],
    units: [],
    serviceItems: [],
    evaluationCount: 0,
    createdAt: '2026-09-20T02:00:00.000Z',
    ...over,
  }
}

export function evaluation(over: Partial<EvaluationView> = {}): EvaluationView {
  return {
    id: evaluationA,
    campaignId: campaignA,
    campaignName: '2026年第四季度政务服务评议',
    enterpriseId: '77777777-7777-4777-8777-777777777777',
    enterpriseName: '某某建材有限公司',
    monitoringPointId: pointA,
    monitoringPointName: '城关镇监测点',
    targetType: 'service_item',
    targetId: itemA,
    targetName: '食品经营许可证核发',
    unitId: unitA,
    unitName: '县市场监督管理局',
    level: 2,
    levelLabel: '不满意',
    dimensions: { efficiency: 2, attitude: 3 },
    comment: '材料反复退回',
    createdAt: '2026-11-20T02:00:00.000Z',
    excluded: false,
    appeal: null,
    complaint: { id: 'c1', reportId: reportA, serial: 'JB20261120000001', status: 'submitted', statusLabel: '已提交' },
    ...over,
  }
}

export function complaint(over: Partial<ComplaintView> = {}): ComplaintView {
  return {
    id: 'c1',
    kind: 'bad_rating',
    kindLabel: '差评整改',
    category: 'bad_rating',
    categoryLabel: '差评',
    targetName: '食品经营许可证核发',
    unitName: '县市场监督管理局',
    reportId: reportA,
    serial: 'JB20261120000001',
    status: 'accepted',
    statusLabel: '已受理',
    replyDueOn: '2026-12-11',
    createdAt: '2026-11-20T02:00:00.000Z',
    enterpriseId: '77777777-7777-4777-8777-777777777777',
    enterpriseName: '某某建材有限公司',
    monitoringPointId: pointA,
    monitoringPointName: '城关镇监测点',
    targetType: 'service_item',
    targetId: itemA,
    unitId: unitA,
    evaluationId: evaluationA,
    content: '材料反复退回',
    repliedAt: null,
    onTime: null,
    overdue: false,
    reportRating: null,
    ...over,
  }
}

/** Hand-made statistics: two units, two months, one point; figures are consistent with each other. */
export const stats: BusinessStats = {
  period: { from: '2026-10-01', to: '2026-11-30' },
  summary: {
    evaluations: 5,
    excluded: 1,
    counted: 4,
    satisfied: 3,
    satisfactionRate: 0.75,
    badRatings: 2,
    complaints: 1,
    badRatingCasesDue: 1,
    badRatingCasesOnTime: 1,
    onTimeRate: 1,
  },
  byMonth: [
    { month: '2026-10', evaluations: 2, counted: 2, satisfied: 2, satisfactionRate: 1 },
    { month: '2026-11', evaluations: 3, counted: 2, satisfied: 1, satisfactionRate: 0.5 },
  ],
  pointMonth: [
    { monitoringPointId: pointA, pointName: '城关镇监测点', month: '2026-10', evaluations: 2 },
    { monitoringPointId: pointA, pointName: '城关镇监测点', month: '2026-11', evaluations: 3 },
  ],
  unitMonth: [
    { unitId: unitA, unitName: '县市场监督管理局', month: '2026-10', evaluations: 1 },
    { unitId: unitB, unitName: '县税务局', month: '2026-10', evaluations: 1 },
    { unitId: unitA, unitName: '县市场监督管理局', month: '2026-11', evaluations: 3 },
  ],
  units: [
    { unitId: unitA, unitName: '县市场监督管理局', evaluations: 4, counted: 3, satisfied: 2, satisfactionRate: 2 / 3, averageLevel: 3.67, badRatings: 2 },
    { unitId: unitB, unitName: '县税务局', evaluations: 1, counted: 1, satisfied: 1, satisfactionRate: 1, averageLevel: 5, badRatings: 0 },
  ],
  onTime: [{ unitId: unitA, unitName: '县市场监督管理局', cases: 2, replied: 1, due: 1, onTime: 1, late: 0, pending: 1, onTimeRate: 1 }],
  complaints: [
    { unitId: unitA, unitName: '县市场监督管理局', category: 'bad_rating', categoryLabel: '差评', count: 2 },
    { unitId: unitA, unitName: '县市场监督管理局', category: 'attitude', categoryLabel: '服务态度差', count: 1 },
    { unitId: unitB, unitName: '县税务局', category: 'fees', categoryLabel: '乱收费', count: 1 },
  ],
  ranking: [
    { rank: 1, unitId: unitB, unitName: '县税务局', counted: 1, satisfactionRate: 1, averageLevel: 5, complaints: 1 },
    { rank: 2, unitId: unitA, unitName: '县市场监督管理局', counted: 3, satisfactionRate: 2 / 3, averageLevel: 3.67, complaints: 3 },
  ],
}

type Answer = { status: number; body?: unknown }
export type Handler = (url: URL, init: RequestInit) => Answer | undefined

const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

/**
 * A fake API for the business pages: directories answer by default; `handler` answers the rest (or overrides).
 * Unknown calls fail loudly with a 404 so a test never passes on a request it did not expect.
 */
export function serveBusiness(handler: Handler = () => undefined) {
  return mockServer((url, init) => {
    if (url.pathname === '/api/staff/auth/me') return { status: 200, body: { user: demoUser } }
    const custom = handler(url, init)
    if (custom) return custom
    if (url.pathname === '/api/staff/business/units') {
      return { status: 200, body: page([{ id: unitA, code: 'BM001', name: '县市场监督管理局', kind: 'department', onboard: true, serviceItemCount: 1, monitoringPointCount: 0 }]) }
    }
    if (url.pathname === '/api/staff/units') return { status: 200, body: page([{ id: unitA, code: 'BM001', name: '县市场监督管理局', kind: 'department', onboard: true, parentId: null }]) }
    if (url.pathname === '/api/staff/business/monitoring-points') return { status: 200, body: page([point()]) }
    if (url.pathname === '/api/staff/business/campaigns') return { status: 200, body: page([campaign()]) }
    if (url.pathname === '/api/staff/business/service-items') return { status: 200, body: page([serviceItem()]) }
    return { status: 404, body: { code: 'NOT_FOUND', message: `测试未预期的请求 ${url.pathname}` } }
  })
}

export function requestsTo(fetchMock: ReturnType<typeof serveBusiness>, pathname: string) {
  return fetchMock.mock.calls
    .map(([input, init]) => ({ url: new URL(String(input), 'http://localhost'), init: init ?? {} }))
    .filter(({ url }) => url.pathname === pathname)
    .map(({ url, init }) => ({
      method: init.method ?? 'GET',
      query: Object.fromEntries(url.searchParams),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body,
      headers: (init.headers ?? {}) as Record<string, string>,
    }))
}
