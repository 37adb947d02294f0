import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderApp } from '../../test/render'
import { campaign, campaignA, point, pointA, requestsTo, serveBusiness } from './fixtures.test-util'

const slow = { timeout: 20_000 }

describe('监测点', { timeout: 60_000 }, () => {
  beforeAll(() => import('./PointsPage'), 60_000)

  it('opens a point with its invite code, QR code fetched with the token, and attached enterprises; renews the code', async () => {
    let code = 'ABCD2345'
    const fetchMock = serveBusiness((url, init) => {
      if (url.pathname === `/api/staff/business/monitoring-points/${pointA}`) return { status: 200, body: point({ inviteCode: code }) }
      if (url.pathname === `/api/staff/business/monitoring-points/${pointA}/invite-code` && init.method === 'POST') {
        code = 'WXYZ6789'
        const { enterprises: _, ...view } = point({ inviteCode: code })
        return { status: 200, body: view }
      }
      if (url.pathname === `/api/staff/posters/monitoring-points/${pointA}/qr.png`) return { status: 200, body: 'png' }
      if (url.pathname === '/api/staff/scenes') return { status: 201, body: { scene: 'P1.sig', kind: 'monitoring_point', weappPage: 'pages/scene/index', h5Url: 'https://example.gov.cn/h5/#/pages/scene/index?s=P1.sig' } }
      return undefined
    })
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:qr'), revokeObjectURL: vi.fn() })
    renderApp('/business/points', { loggedIn: true })
    fireEvent.click(await screen.findByTestId('point-open-JC01', {}, slow))
    const detail = await screen.findByTestId('point-detail', {}, slow)
    expect(within(detail).getByTestId('point-invite-code').textContent).toContain('ABCD2345')
    expect(within(screen.getByTestId('point-enterprises')).getByText('某某建材有限公司')).toBeTruthy()
    await waitFor(() => expect(screen.getByTestId('point-h5-url').textContent).toContain('?s=P1.sig'))
    const [qr] = requestsTo(fetchMock, `/api/staff/posters/monitoring-points/${pointA}/qr.png`)
    expect(qr.headers.Authorization).toBe('Bearer test-token')
    expect(requestsTo(fetchMock, '/api/staff/scenes')[0].body).toEqual({ kind: 'monitoring_point', monitoringPointId: pointA })

    fireEvent.click(document.querySelector('#point-invite-renew')!)
    fireEvent.click(await screen.findByText('重新生成', { selector: '.ant-popconfirm-buttons span' }, slow))
    await waitFor(() => expect(screen.getByTestId('point-invite-code').textContent).toContain('WXYZ6789'))
  })
})

describe('评议管理', { timeout: 60_000 }, () => {
  beforeAll(() => import('./CampaignsPage'), 60_000)

  it('starts a draft campaign', async () => {
    let status: 'draft' | 'open' = 'draft'
    const fetchMock = serveBusiness((url, init) => {
      if (url.pathname === '/api/staff/business/campaigns') {
        return { status: 200, body: { items: [campaign({ status, statusLabel: status === 'open' ? '进行中' : '未发布', accepting: status === 'open' })], total: 1, page: 1, pageSize: 20 } }
      }
      if (url.pathname === `/api/staff/business/campaigns/${campaignA}/status` && init.method === 'POST') {
        status = 'open'
        return { status: 200, body: campaign({ status: 'open', statusLabel: '进行中', accepting: true }) }
      }
      return undefined
    })
    renderApp('/business/campaigns', { loggedIn: true })
    expect((await screen.findByTestId(`campaign-status-${campaignA}`, {}, slow)).textContent).toBe('未发布')
    expect(screen.getByText('全部监测点 · 全部进驻单位')).toBeTruthy()
    fireEvent.click(screen.getByTestId(`campaign-open-${campaignA}`))
    fireEvent.click(await screen.findByText('开 始', { selector: '.ant-popconfirm-buttons span' }, slow))
    await waitFor(() => expect(screen.getByTestId(`campaign-status-${campaignA}`).textContent).toBe('进行中'))
    expect(requestsTo(fetchMock, `/api/staff/business/campaigns/${campaignA}/status`)[0].body).toEqual({ status: 'open' })
    expect(screen.getByTestId(`campaign-close-${campaignA}`)).toBeTruthy()
  })

  it('asks for the period of a new campaign before sending anything', async () => {
    const fetchMock = serveBusiness()
    renderApp('/business/campaigns', { loggedIn: true })
    fireEvent.click(await screen.findByText('新建评议', {}, slow))
    const dialog = (await screen.findByText('评议期间', {}, slow)).closest('.ant-modal') as HTMLElement
    fireEvent.change(dialog.querySelector('#campaign-name')!, { target: { value: '第四季度评议' } })
    fireEvent.click(within(dialog).getByText('保 存'))
    expect(await within(dialog).findByText('请选择评议期间', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/business/campaigns').filter((r) => r.method === 'POST')).toHaveLength(0)
  })
})
