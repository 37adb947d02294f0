import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderApp } from '../../test/render'
import { campaignA, evaluation, evaluationA, pointA, reportA, requestsTo, serveBusiness } from './fixtures.test-util'

const slow = { timeout: 20_000 }
const pending = evaluation({
  appeal: { status: 'pending', statusLabel: '申诉待复核', reason: '该企业当天未到窗口办理', filedByRole: 'unit_liaison', filedAt: '2026-11-21T02:00:00.000Z', reviewReason: null, reviewedAt: null },
})

describe('好差评', { timeout: 60_000 }, () => {
  // the page loads lazily; on a busy machine its first import alone can outlast a findBy wait
  beforeAll(() => import('./EvaluationsPage'), 60_000)

  it('sends the filters from the address and links a bad rating to its handling case', async () => {
    const fetchMock = serveBusiness((url) =>
      url.pathname === '/api/staff/business/evaluations' ? { status: 200, body: { items: [evaluation()], total: 1, page: 1, pageSize: 20 } } : undefined,
    )
    renderApp(`/business/evaluations?campaignId=${campaignA}&monitoringPointId=${pointA}&level=2&from=2026-11-01&to=2026-11-30`, { loggedIn: true })
    const table = await screen.findByTestId('evaluations-table', {}, slow)
    expect(await within(table).findByText('某某建材有限公司', {}, slow)).toBeTruthy()
    expect(within(table).getByText('不满意')).toBeTruthy()
    expect(within(table).getByText('JB20261120000001').closest('a')?.getAttribute('href')).toBe(`/reports/${reportA}`)
    expect(requestsTo(fetchMock, '/api/staff/business/evaluations')[0].query).toEqual({
      campaignId: campaignA,
      monitoringPointId: pointA,
      level: '2',
      from: '2026-11-01',
      to: '2026-11-30',
      page: '1',
      pageSize: '20',
    })
    fireEvent.click(document.querySelector('#evaluations-bad-only')!)
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/business/evaluations').at(-1)?.query).toMatchObject({ bad: 'true', page: '1' }))
  })

  it('lets a supervisor uphold an appeal with a reason; the evaluation is then left out of statistics', async () => {
    let current = pending
    const fetchMock = serveBusiness((url, init) => {
      if (url.pathname === '/api/staff/business/evaluations') return { status: 200, body: { items: [current], total: 1, page: 1, pageSize: 20 } }
      if (url.pathname === `/api/staff/business/evaluations/${evaluationA}/appeal/review` && init.method === 'POST') {
        current = evaluation({
          excluded: true,
          appeal: { ...pending.appeal!, status: 'upheld', statusLabel: '申诉成立', reviewReason: '经调取窗口记录，该企业当日未办理业务', reviewedAt: '2026-11-22T02:00:00.000Z' },
        })
        return { status: 200, body: current }
      }
      return undefined
    })
    renderApp('/business/evaluations', { loggedIn: true })
    fireEvent.click(await screen.findByText('某某建材有限公司', {}, slow))
    const detail = await screen.findByTestId('evaluation-detail', {}, slow)
    expect(within(detail).getByText('办事效率 2 · 服务态度 3')).toBeTruthy()
    expect(within(detail).getByText('该企业当天未到窗口办理')).toBeTruthy()
    fireEvent.click(document.querySelector('#evaluation-review')!)
    const dialog = (await screen.findByText('提交复核', {}, slow)).closest('.ant-modal') as HTMLElement
    // conclusion and reason are both required, in the shared schema's words
    fireEvent.click(within(dialog).getByText('提交复核'))
    expect(await within(dialog).findByText('请选择申诉是否成立', {}, slow)).toBeTruthy()
    fireEvent.click(dialog.querySelector('#review-uphold')!)
    fireEvent.change(dialog.querySelector('#review-reason')!, { target: { value: '经调取窗口记录，该企业当日未办理业务' } })
    fireEvent.click(within(dialog).getByText('提交复核'))
    await waitFor(() => expect(requestsTo(fetchMock, `/api/staff/business/evaluations/${evaluationA}/appeal/review`)).toHaveLength(1))
    expect(requestsTo(fetchMock, `/api/staff/business/evaluations/${evaluationA}/appeal/review`)[0].body).toEqual({
      upheld: true,
      reason: '经调取窗口记录，该企业当日未办理业务',
    })
    const appeal = await screen.findByTestId('evaluation-appeal', {}, slow)
    expect(await within(appeal).findByText('申诉成立', {}, slow)).toBeTruthy()
    expect(within(appeal).getByText('经调取窗口记录，该企业当日未办理业务')).toBeTruthy()
    expect(screen.getAllByText('不计入统计').length).toBeGreaterThan(0)
    expect(document.querySelector('#evaluation-review')).toBeNull()
  })
})
