import type { InspectedUnit, StaffUser, TourGroup, TourNotice, TourRound } from '@msjd/shared'
import { render } from '@testing-library/react'
import { createElement, type ComponentType } from 'react'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { vi } from 'vitest'
import { AppProviders } from '../../AppProviders'
import { setToken } from '../../api/client'
import { jsonResponse } from '../../test/http'
import { RequireAuth } from '../auth/RequireAuth'

/**
 * Renders one page behind the real providers and login check, logged in, at `path` (which may carry a query).
 * The page is mounted directly rather than through the menu so these tests do not depend on other features' pages.
 */
export function renderPage(page: ComponentType, path: string) {
  setToken('test-token')
  const route = path.split('?')[0]
  return render(
    createElement(
      MemoryRouter,
      { initialEntries: [path] },
      createElement(AppProviders, null, createElement(RequireAuth, null, createElement(Routes, null, createElement(Route, { path: route, element: createElement(page) })))),
    ),
  )
}

// Not test/render's demoUser: that module pulls in the whole menu (every feature's pages).
const demoUser: StaffUser = { id: 'u1', username: 'admin', displayName: '张建国', role: 'admin', unitId: null, unitName: null, tourGroupId: null, pending: null, totpEnabled: true }

export const roundA = 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a1'
export const roundB = 'b2b2b2b2-b2b2-4b2b-8b2b-b2b2b2b2b2b2'
export const groupA = 'c3c3c3c3-c3c3-4c3c-8c3c-c3c3c3c3c3c3'
export const groupB = 'd4d4d4d4-d4d4-4d4d-8d4d-d4d4d4d4d4d4'
export const unitA = 'e5e5e5e5-e5e5-4e5e-8e5e-e5e5e5e5e5e5'
export const inspectedA = 'f6f6f6f6-f6f6-4f6f-8f6f-f6f6f6f6f6f6'
export const noticeA = '17171717-1717-4717-8717-171717171717'
export const noticeB = '28282828-2828-4828-8828-282828282828'
export const memberA = '39393939-3939-4939-8939-393939393939'

export function round(overrides: Partial<TourRound> = {}): TourRound {
  return { id: roundA, name: '十五届县委第八轮巡察', code: '2026-8', startsOn: '2026-10-08', endsOn: '2026-12-08', status: 'active', unitCount: 1, ...overrides }
}

export function group(overrides: Partial<TourGroup> = {}): TourGroup {
  return {
    id: groupA,
    name: '县委第一巡察组',
    leader: '王组长',
    phone: '0871-6000001',
    mailbox: '县邮政信箱 101 号',
    address: '县委大院 3 号楼',
    members: [{ id: memberA, username: 'xcz1', displayName: '李组员' }],
    ...overrides,
  }
}

export function inspected(overrides: Partial<InspectedUnit> = {}): InspectedUnit {
  return {
    id: inspectedA,
    tourRoundId: roundA,
    unit: { id: unitA, code: 'D001', name: '县自然资源局' },
    tourGroup: { id: groupA, name: '县委第一巡察组' },
    ...overrides,
  }
}

export function notice(overrides: Partial<TourNotice> = {}): TourNotice {
  return {
    id: noticeA,
    title: '十五届县委第八轮巡察进驻县自然资源局公告',
    round: { id: roundA, name: '十五届县委第八轮巡察', code: '2026-8', status: 'active' },
    unit: { id: unitA, name: '县自然资源局' },
    group: { name: '县委第一巡察组' },
    startsOn: '2026-10-08',
    endsOn: '2026-12-08',
    contactPhone: '0871-6000001',
    contactMailbox: '县邮政信箱 101 号',
    contactAddress: '县委大院 3 号楼',
    scope: '主要受理反映县自然资源局领导班子及其成员问题的来信来电来访。',
    howToReport: '电话、信箱、扫码反映。',
    body: null,
    publishedAt: null,
    current: true,
    tourRoundId: roundA,
    inspectedUnitId: inspectedA,
    status: 'draft',
    withdrawnAt: null,
    withdrawReason: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    ...overrides,
  }
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string>; raw?: BodyInit }
export interface FakeTours {
  user?: Partial<StaffUser>
  rounds?: () => TourRound[]
  groups?: () => TourGroup[]
  units?: () => InspectedUnit[]
  notices?: (query: URLSearchParams) => TourNotice[]
  /** Answers writes (and anything else it knows); undefined falls through to the lists. */
  handle?: (method: string, pathname: string, body: unknown) => Answer | undefined
}

/** A fake API for the tour pages: who is logged in, the lists, and whatever `handle` answers. */
export function serveTours(fake: FakeTours = {}) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const { pathname, searchParams } = new URL(String(input), 'http://localhost')
    const method = init.method ?? 'GET'
    const answer = (a: Answer) => (a.raw !== undefined ? new Response(a.raw, { status: a.status, headers: a.headers }) : jsonResponse(a.status, a.body, a.headers))
    if (pathname === '/api/staff/auth/me') return answer({ status: 200, body: { user: { ...demoUser, ...fake.user } } })
    const handled = fake.handle?.(method, pathname, init.body ? JSON.parse(String(init.body)) : undefined)
    if (handled) return answer(handled)
    if (method === 'GET') {
      if (pathname === '/api/staff/tour-rounds') return answer({ status: 200, body: { items: fake.rounds?.() ?? [round()] } })
      if (pathname === '/api/staff/tour-groups') return answer({ status: 200, body: { items: fake.groups?.() ?? [group(), group({ id: groupB, name: '县委第二巡察组', members: [] })] } })
      if (pathname === '/api/staff/tour-groups/candidates') {
        return answer({
          status: 200,
          body: { items: [{ id: memberA, username: 'xcz1', displayName: '李组员', active: true, tourGroupId: groupA }] },
        })
      }
      if (/^\/api\/staff\/tour-rounds\/[^/]+\/units$/.test(pathname)) return answer({ status: 200, body: { items: fake.units?.() ?? [inspected()] } })
      if (pathname === '/api/staff/tour-notices') {
        const items = fake.notices?.(searchParams) ?? [notice()]
        return answer({ status: 200, body: { items, total: items.length, page: Number(searchParams.get('page') ?? 1), pageSize: Number(searchParams.get('pageSize') ?? 20) } })
      }
    }
    return answer({ status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } })
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

export const requestsTo = (fetchMock: ReturnType<typeof serveTours>, pathname: string, method = 'GET') =>
  fetchMock.mock.calls
    .filter(([input, init]) => new URL(String(input), 'http://localhost').pathname === pathname && (init?.method ?? 'GET') === method)
    .map(([input, init]) => ({
      query: Object.fromEntries(new URL(String(input), 'http://localhost').searchParams),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    }))
