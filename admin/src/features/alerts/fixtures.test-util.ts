import type { AlertImport, AlertModel, AlertModelVersion, AlertWarning, AlertWarningDetail, DataFreshness, Dataset, StaffUser, WarningSourceCase } from '@msjd/shared'
import { render } from '@testing-library/react'
import { createElement, type ComponentType } from 'react'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { AppProviders } from '../../AppProviders'
import { setToken } from '../../api/client'
import { mockServer } from '../../test/http'
import { demoUser } from '../../test/render'
import { RequireAuth } from '../auth/RequireAuth'
import type { AlertRun, Escalation, EscalationSummary } from './api'

export const warningA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
export const warningB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'
export const urgeCase = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'
export const verifyCase = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd'
export const closedCase = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'

export const models: AlertModel[] = [
  { name: 'overdue', kind: 'overdue', title: '办件超期', enabled: true, startStage: 'urge', params: {}, version: 1 },
  { name: 'low_pass_rate', kind: 'low_pass_rate', title: '审批通过率低', enabled: true, startStage: 'urge', params: { windowDays: 90, minFinished: 20, maxPassRate: 0.6 }, version: 3 },
  { name: 'obstruction', kind: 'obstruction', title: '故意刁难', enabled: false, startStage: 'verify', params: { windowDays: 30, minCount: 3, results: ['rejected', 'returned'] }, version: 1 },
]

/** low_pass_rate's history: the default, then two edits by staff. */
export const modelVersions: AlertModelVersion[] = [
  { version: 3, kind: 'low_pass_rate', title: '审批通过率低', enabled: false, startStage: 'urge', params: { windowDays: 90, minFinished: 20, maxPassRate: 0.5 }, createdAt: '2026-11-18T02:00:00.000Z', createdByName: '张红梅', warnings: 0 },
  { version: 2, kind: 'low_pass_rate', title: '审批通过率低', enabled: true, startStage: 'urge', params: { windowDays: 90, minFinished: 20, maxPassRate: 0.6 }, createdAt: '2026-11-10T02:00:00.000Z', createdByName: '周明', warnings: 4 },
  { version: 1, kind: 'low_pass_rate', title: '审批通过率低', enabled: true, startStage: 'urge', params: { windowDays: 90, minFinished: 20, maxPassRate: 0.6 }, createdAt: '2026-11-01T02:00:00.000Z', createdByName: null, warnings: 7 },
]

export const freshness: DataFreshness[] = [
  { kind: 'service_cases', dataset: null, label: '办件数据', lastImportAt: '2026-11-10T02:00:00.000Z', ageDays: 10, stale: true, models: ['办件超期', '不满意'] },
  { kind: 'dataset', dataset: 'disability_certs', label: '残疾证', lastImportAt: '2026-11-20T02:00:00.000Z', ageDays: 0, stale: false, models: ['假残真证'] },
  { kind: 'dataset', dataset: 'village_cadres', label: '村干部', lastImportAt: null, ageDays: null, stale: true, models: [] },
]

export function alertImport(overrides: Partial<AlertImport> = {}): AlertImport {
  return {
    id: 'i1',
    kind: 'service_cases',
    dataset: null,
    datasetLabel: '办件数据',
    fileName: '十一月办件.csv',
    sha256: 'ab'.repeat(32),
    fileBytes: 20480,
    status: 'ok',
    error: null,
    rowsRead: 25,
    accepted: 22,
    rejected: 3,
    imported: 20,
    updated: 1,
    unchanged: 1,
    rejectedSample: [{ line: 6, field: 'applicant_id', reason: '证件号码校验位错误' }],
    duplicates: 1,
    unknownUnits: 30,
    noticeSample: [
      { kind: 'duplicate', line: 3, field: 'case_no', reason: '办件编号 BJ1 在文件中出现 2 次（第 3、9 行），已按第 9 行导入', lines: [3, 9] },
      { kind: 'unknown_unit', line: 4, field: 'unit_code', reason: '部门编码 XX 不在单位目录中' },
    ],
    importedByName: '系统管理员',
    via: 'admin',
    startedAt: '2026-11-20T02:00:00.000Z',
    durationMs: 1500,
    ...overrides,
  }
}

export const datasets: Dataset[] = [
  {
    name: 'disability_certs',
    label: '残疾证',
    columns: [
      { name: 'id_no', label: '身份证号码', type: 'id_number', required: true },
      { name: 'level', label: '残疾等级', type: 'integer', required: true },
    ],
    keyColumn: 'id_no',
    residentIdColumn: 'id_no',
    rowCount: 12,
    updatedAt: '2026-11-20T02:00:00.000Z',
  },
  {
    name: 'village_cadres',
    label: '村干部',
    columns: [
      { name: 'id_no', label: '身份证号码', type: 'id_number', required: true },
      { name: 'unit_code', label: '单位编码', type: 'text', required: true },
    ],
    keyColumn: 'id_no',
    residentIdColumn: 'id_no',
    rowCount: 8,
    updatedAt: '2026-11-20T02:00:00.000Z',
  },
]

export function warning(overrides: Partial<AlertWarning> = {}): AlertWarning {
  return {
    id: warningA,
    model: 'overdue',
    modelVersion: 1,
    level: 'case',
    subject: 'BJ2026000123',
    unitCode: 'XZ001',
    itemCode: 'SX-0101',
    caseNo: 'BJ2026000123',
    applicantId: '110101********4514',
    asOf: '2026-11-20',
    values: { accepted_on: '2026-11-02', promised_days: 5, deadline: '2026-11-09', finished_on: '2026-11-13' },
    status: 'open',
    stage: 'urge',
    escalationId: urgeCase,
    closedAt: null,
    closeReason: null,
    closeNote: null,
    closedByName: null,
    modelTitle: '办件超期',
    subjectText: '办件 BJ2026000123',
    explanation: '办件 BJ2026000123（事项 SX-0101）超出承诺时限 4 个工作日（承诺 5 个工作日，实际 9 个工作日）',
    ...overrides,
  }
}

export function sourceCase(overrides: Partial<WarningSourceCase> = {}): WarningSourceCase {
  return {
    caseNo: 'BJ2026000123',
    unitCode: 'XZ001',
    unitName: '城关镇人民政府',
    itemCode: 'SX-0101',
    itemName: '户籍迁入',
    applicantId: '110101********4514',
    applicantType: 'individual',
    channel: 'window',
    acceptedAt: '2026-11-02T01:30:00.000Z',
    promisedDays: 5,
    finishedAt: '2026-11-13T08:00:00.000Z',
    result: 'approved',
    supplementCount: 0,
    rating: null,
    ...overrides,
  }
}

export function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: urgeCase,
    model: 'overdue',
    unitCode: 'XZ001',
    stage: 'urge',
    openedAsOf: '2026-11-20',
    stageAsOf: '2026-11-20',
    closedAt: null,
    outcome: null,
    people: [],
    moneyRecovered: null,
    warnings: 3,
    ...overrides,
  }
}

export const escalationSummary: EscalationSummary = {
  byStage: { urge: 1, verify: 1, done: 0, unfounded: 0, accountability: 1 },
  accountabilityCases: 1,
  peopleHandled: 2,
  moneyRecovered: '1234567.50',
}

export function run(overrides: Partial<AlertRun> = {}): AlertRun {
  return {
    id: 'r1',
    asOf: '2026-11-20',
    trigger: 'manual',
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:00:01.250Z',
    durationMs: 1250,
    counts: { overdue: { new: 2, total: 5 }, low_pass_rate: { new: 0, total: 1 } },
    opened: 1,
    advanced: 0,
    ...overrides,
  }
}

type Answer = { status: number; body?: unknown } | undefined

export interface FakeAlerts {
  user?: Partial<StaffUser>
  warnings?: (query: URLSearchParams) => AlertWarning[]
  /** the list's total when not the items' count, e.g. the server's estimate past its exact-count bound */
  warningsTotal?: () => { total: number; totalExact: boolean }
  escalations?: (query: URLSearchParams) => Escalation[]
  escalationSummary?: () => EscalationSummary
  runs?: () => AlertRun[]
  models?: () => AlertModel[]
  datasets?: () => Dataset[]
  warningDetail?: (w: AlertWarning) => AlertWarningDetail
  /** sources the stale-data check before a run reports (none by default) */
  staleData?: () => DataFreshness[]
  imports?: () => AlertImport[]
  write?: (method: string, pathname: string, body: unknown) => Answer
}

/** A fake API for the 预警中心 pages: the unit directory, the lists, and whatever `write` answers. */
export function serveAlerts(fake: FakeAlerts = {}) {
  return mockServer(({ pathname, searchParams }, init) => {
    const method = init.method ?? 'GET'
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, ...fake.user } } }
    if (method !== 'GET') {
      const answer = fake.write?.(method, pathname, init.body ? JSON.parse(String(init.body)) : undefined)
      if (answer) return answer
      return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
    }
    if (pathname === '/api/staff/units') {
      return {
        status: 200,
        body: { items: [{ id: 'u-1', code: 'XZ001', name: '城关镇人民政府', kind: 'township', onboard: false, parentId: null }], total: 1, page: 1, pageSize: 200 },
      }
    }
    if (pathname === '/api/staff/alerts/models') return { status: 200, body: { items: fake.models?.() ?? models } }
    if (pathname === '/api/staff/alerts/model-names') {
      return { status: 200, body: { items: (fake.models?.() ?? models).map(({ name, kind, title }) => ({ name, kind, title })) } }
    }
    if (pathname === '/api/staff/alerts/models/low_pass_rate/versions') return { status: 200, body: { items: modelVersions } }
    if (pathname === '/api/staff/alerts/models/low_pass_rate/versions/diff') {
      const from = Number(searchParams.get('from'))
      return {
        status: 200,
        body: {
          from,
          to: Number(searchParams.get('to')),
          changes: [
            { path: 'enabled', label: '启用', before: from === 1, after: false },
            { path: 'params.maxPassRate', label: '通过率阈值', before: 0.6, after: 0.5 },
          ],
        },
      }
    }
    if (pathname === '/api/staff/alerts/datasets/disability_certs/rows') {
      return {
        status: 200,
        body: { items: [{ key: '110101********4514', residentId: '110101********4514', values: { id_no: '110101********4514', level: '2' } }], total: 21 },
      }
    }
    if (pathname === '/api/staff/alerts/datasets') return { status: 200, body: { items: fake.datasets?.() ?? datasets } }
    const detail = /^\/api\/staff\/alerts\/warnings\/([^/]+)$/.exec(pathname)
    if (detail) {
      const found = (fake.warnings?.(new URLSearchParams()) ?? [warning()]).find((w) => w.id === detail[1])
      if (!found) return { status: 404, body: { code: 'NOT_FOUND', message: '预警不存在' } }
      return { status: 200, body: fake.warningDetail?.(found) ?? { warning: found, cases: found.caseNo ? [sourceCase({ caseNo: found.caseNo })] : [], casesTotal: found.caseNo ? 1 : 0, rows: [] } }
    }
    if (pathname === '/api/staff/alerts/warnings') {
      const items = fake.warnings?.(searchParams) ?? [warning()]
      return { status: 200, body: { items, ...(fake.warningsTotal?.() ?? { total: items.length, totalExact: true }) } }
    }
    if (pathname === '/api/staff/alerts/escalations') {
      const items = fake.escalations?.(searchParams) ?? [escalation()]
      return { status: 200, body: { items, total: items.length, summary: fake.escalationSummary?.() ?? escalationSummary } }
    }
    if (pathname === '/api/staff/alerts/schedule') {
      return { status: 200, body: { dailyAt: '02:00', timeZone: 'Asia/Shanghai', nextRunAt: '2026-11-24T18:00:00.000Z' } }
    }
    if (pathname === '/api/staff/alerts/runs/stale-data') return { status: 200, body: { staleDays: 7, sources: fake.staleData?.() ?? [] } }
    if (pathname === '/api/staff/alerts/freshness') return { status: 200, body: { staleDays: 7, sources: freshness } }
    if (pathname === '/api/staff/alerts/settings') return { status: 200, body: { staleDays: 7 } }
    if (pathname === '/api/staff/alerts/imports') {
      const items = fake.imports?.() ?? [alertImport()]
      return { status: 200, body: { items, total: items.length } }
    }
    if (pathname === '/api/staff/alerts/runs') {
      const items = fake.runs?.() ?? [run()]
      return { status: 200, body: { items, total: items.length } }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: '请求的内容不存在' } }
  })
}

export const requestsTo = (fetchMock: ReturnType<typeof serveAlerts>, pathname: string, method = 'GET') =>
  fetchMock.mock.calls
    .filter(([input, init]) => new URL(String(input), 'http://localhost').pathname === pathname && (init?.method ?? 'GET') === method)
    .map(([input, init]) => ({
      query: Object.fromEntries(new URL(String(input), 'http://localhost').searchParams),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }))

/**
 * Renders one page of this feature at `path` for a logged-in user, inside the same providers as the panel. The page
 * alone, not the whole menu: the menu's registration is covered by menu.test.ts.
 */
export function renderPage(page: ComponentType, path: string) {
  setToken('test-token')
  const route = new URL(path, 'http://localhost').pathname
  return render(
    createElement(
      MemoryRouter,
      { initialEntries: [path] },
      createElement(AppProviders, null, createElement(RequireAuth, null, createElement(Routes, null, createElement(Route, { path: `${route}/*`, element: createElement(page) })))),
    ),
  )
}
