import type { ReportListItem, ReportMessageList, ReportStaffDetail, StaffUser } from '@msjd/shared'
import { mockServer } from '../../test/http'
import { demoUser } from '../../test/render'

export const unitA = '11111111-1111-4111-8111-111111111111'
export const groupA = '22222222-2222-4222-8222-222222222222'
export const reportA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
export const reportB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'

export function listItem(overrides: Partial<ReportListItem> = {}): ReportListItem {
  return {
    id: reportA,
    serial: 'JB20261124000001',
    category: 'style',
    categoryName: '作风问题',
    status: 'submitted',
    statusLabel: '已提交',
    confidential: true,
    channel: 'miniapp',
    reportedUnitId: unitA,
    reportedUnitName: '城关镇人民政府',
    reportedUnitText: null,
    reportedPerson: '王某',
    summary: '窗口工作人员上班时间玩手机，群众排队无人办理',
    tourRoundId: null,
    inspectedUnitId: null,
    monitoringPointId: null,
    assigneeTourGroupId: null,
    assigneeUnitId: null,
    assigneeName: null,
    submittedAt: '2026-11-20T02:00:00.000Z',
    acceptDueOn: '2026-11-25',
    replyDueOn: null,
    overdue: false,
    acceptOverdue: false,
    replyOverdue: false,
    ...overrides,
  }
}

export function detail(overrides: Partial<ReportStaffDetail> = {}): ReportStaffDetail {
  return {
    ...listItem(),
    content: '城关镇便民服务中心窗口工作人员上班时间玩手机，群众排队无人办理。',
    occurredAt: '2026年11月18日上午',
    location: '城关镇便民服务中心',
    notAcceptedReason: null,
    mergedIntoId: null,
    mergedFrom: [],
    reply: null,
    repliedAt: null,
    acceptedAt: null,
    closedAt: null,
    rating: null,
    ratingComment: null,
    reopenedOnce: false,
    hasIdentity: false,
    identityDestroyedAt: null,
    allowedActions: ['accept', 'reject', 'merge'],
    events: [
      {
        id: 'e1',
        at: '2026-11-20T02:00:00.000Z',
        kind: 'submitted',
        label: '提交反映',
        fromStatus: null,
        toStatus: 'submitted',
        actorType: 'citizen',
        actorId: null,
        actorRole: null,
        note: null,
        publicNote: null,
      },
    ],
    attachments: [],
    rectificationNotices: [],
    ...overrides,
  }
}

export interface FakeServer {
  list?: (query: URLSearchParams) => { items: ReportListItem[]; total?: number; counts?: { byStatus: Record<string, number>; overdue: number } }
  detail?: () => ReportStaffDetail
  /** the thread with the reporter (GET …/messages); empty and open by default */
  messages?: () => ReportMessageList
  post?: (pathname: string, body: unknown) => { status: number; body?: unknown } | undefined
  user?: Partial<StaffUser>
  tourGroups?: boolean
}

/** A fake API for the reports pages: directories, list, detail, and whatever `post` answers. */
export function serveReports(fake: FakeServer = {}) {
  return mockServer(({ pathname, searchParams }, init) => {
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, ...fake.user } } }
    if (pathname === '/api/staff/units') {
      return {
        status: 200,
        body: { items: [{ id: unitA, code: 'XZ001', name: '城关镇人民政府', kind: 'township', onboard: false, parentId: null }], total: 1, page: 1, pageSize: 200 },
      }
    }
    if (pathname === '/api/staff/tour-groups' && fake.tourGroups) {
      return {
        status: 200,
        body: { items: [{ id: groupA, name: '第一巡察组', leader: null, phone: null, mailbox: null, address: null, members: [] }] },
      }
    }
    if (pathname === '/api/staff/reports/categories') {
      return { status: 200, body: { items: [{ code: 'style', name: '作风问题', replyDays: 15 }] } }
    }
    if (init.method === 'POST' || init.method === 'PUT') {
      const answer = fake.post?.(pathname, JSON.parse(String(init.body ?? 'null')))
      if (answer) return answer
    }
    if (pathname === '/api/staff/reports') {
      const { items, total, counts } = fake.list?.(searchParams) ?? { items: [listItem()] }
      return {
        status: 200,
        body: {
          items,
          total: total ?? items.length,
          page: Number(searchParams.get('page') ?? 1),
          pageSize: Number(searchParams.get('pageSize') ?? 20),
          counts: counts ?? { byStatus: { submitted: items.length }, overdue: 0 },
        },
      }
    }
    if (/^\/api\/staff\/reports\/[^/]+\/redactions$/.test(pathname) && init.method !== 'PUT') {
      return { status: 200, body: { phrases: [], preview: fake.detail?.().content ?? '' } }
    }
    if (/^\/api\/staff\/reports\/[^/]+\/extensions$/.test(pathname) && init.method !== 'POST') {
      return { status: 200, body: { items: [] } }
    }
    if (/^\/api\/staff\/reports\/[^/]+\/messages$/.test(pathname)) {
      return { status: 200, body: fake.messages?.() ?? { items: [], awaitingAnswer: false, canAsk: true } }
    }
    if (pathname.startsWith('/api/staff/reports/') && fake.detail) return { status: 200, body: fake.detail() }
    return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
  })
}

export const requestsTo = (fetchMock: ReturnType<typeof serveReports>, pathname: string, method = 'GET') =>
  fetchMock.mock.calls
    .filter(([input, init]) => new URL(String(input), 'http://localhost').pathname === pathname && (init?.method ?? 'GET') === method)
    .map(([input, init]) => ({
      query: Object.fromEntries(new URL(String(input), 'http://localhost').searchParams),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }))
