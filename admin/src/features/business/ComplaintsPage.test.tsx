import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderApp } from '../../test/render'
import { deadlineState } from './ComplaintsPage'
import { complaint, reportA, requestsTo, serveBusiness, unitA } from './fixtures.test-util'

const slow = { timeout: 20_000 }

describe('涉诉办理', { timeout: 60_000 }, () => {
  // the page loads lazily; on a busy machine its first import alone can outlast a findBy wait
  beforeAll(() => import('./ComplaintsPage'), 60_000)

  it('lists bad-rating cases and complaints with their deadline state, each opening its report', async () => {
    const fetchMock = serveBusiness((url) =>
      url.pathname === '/api/staff/business/complaints'
        ? {
            status: 200,
            body: {
              items: [complaint(), complaint({ id: 'c2', kind: 'complaint', kindLabel: '企业投诉', category: 'fees', categoryLabel: '乱收费', serial: 'JB20261101000002', overdue: true, reportId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' })],
              total: 2,
              page: 1,
              pageSize: 20,
            },
          }
        : undefined,
    )
    renderApp(`/business/complaints?kind=bad_rating&unitId=${unitA}`, { loggedIn: true })
    const table = await screen.findByTestId('complaints-table', {}, slow)
    const link = await within(table).findByText('JB20261120000001', {}, slow)
    expect(link.closest('a')?.getAttribute('href')).toBe(`/reports/${reportA}`)
    expect(within(table).getByText('乱收费')).toBeTruthy()
    expect(within(table).getAllByTestId('complaint-deadline').map((t) => t.textContent)).toEqual(['办理中', '超期'])
    expect(requestsTo(fetchMock, '/api/staff/business/complaints')[0].query).toEqual({ kind: 'bad_rating', unitId: unitA, page: '1', pageSize: '20' })
    fireEvent.click(document.querySelector('#complaints-overdue-only')!)
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/business/complaints').at(-1)?.query).toMatchObject({ overdue: 'true' }))
  })

  it('names the reply deadline state', () => {
    expect(deadlineState({ overdue: false, onTime: true, repliedAt: 'x' }).label).toBe('按时答复')
    expect(deadlineState({ overdue: false, onTime: false, repliedAt: 'x' }).label).toBe('逾期答复')
    expect(deadlineState({ overdue: true, onTime: null, repliedAt: null }).label).toBe('超期')
    expect(deadlineState({ overdue: false, onTime: null, repliedAt: null }).label).toBe('办理中')
  })
})
