import type { TourNotice } from '@msjd/shared'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { inspectedA, notice, noticeA, noticeB, renderPage, requestsTo, roundA, serveTours } from './fixtures.test-util'
import NoticesPage from './NoticesPage'

const slow = { timeout: 8000 }
const publishedB = notice({
  id: noticeB,
  title: '十五届县委第八轮巡察公告',
  unit: null,
  group: null,
  inspectedUnitId: null,
  status: 'published',
  publishedAt: '2026-11-21T02:00:00.000Z',
})

async function openNotices(path = '/tours/notices') {
  renderPage(NoticesPage, path)
  return screen.findByTestId('notices-table', {}, slow)
}

async function choose(select: Element, label: string) {
  // a select stays disabled while what it depends on loads
  await waitFor(() => expect(select.closest('.ant-select')?.classList.contains('ant-select-disabled')).toBe(false), slow)
  fireEvent.mouseDown(select.closest('.ant-select-selector') ?? select)
  const options = await screen.findAllByTitle(label, {}, slow)
  fireEvent.click(options.at(-1)!)
}

describe('巡察公示', () => {
  it('lists notices with their status, and sends the filters from the address and the selects', async () => {
    const fetchMock = serveTours({ notices: () => [notice(), publishedB] })
    const table = await openNotices(`/tours/notices?tourRoundId=${roundA}&status=draft`)
    const draftRow = (await within(table).findByText('十五届县委第八轮巡察进驻县自然资源局公告', {}, slow)).closest('tr')!
    expect(within(draftRow).getByTestId(`notice-status-${noticeA}`).textContent).toBe('草稿')
    expect(within(draftRow).getByText('县委第一巡察组')).toBeTruthy()
    const roundRow = within(table).getByText('十五届县委第八轮巡察公告').closest('tr')!
    expect(within(roundRow).getByText('全轮次')).toBeTruthy()
    expect(within(roundRow).getByTestId(`notice-status-${noticeB}`).getAttribute('data-status')).toBe('published')
    // a draft may be published, a published notice only withdrawn
    expect(document.querySelector(`#notice-publish-${noticeA}`)).toBeTruthy()
    expect(document.querySelector(`#notice-withdraw-${noticeA}`)).toBeNull()
    expect(document.querySelector(`#notice-withdraw-${noticeB}`)).toBeTruthy()
    expect(document.querySelector(`#notice-publish-${noticeB}`)).toBeNull()
    expect(document.querySelector(`#notice-edit-${noticeB}`)).toBeNull()
    expect(requestsTo(fetchMock, '/api/staff/tour-notices')[0].query).toEqual({ tourRoundId: roundA, status: 'draft', page: '1', pageSize: '20' })

    await choose(document.querySelector('#notice-status-filter')!, '已撤回')
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/tour-notices').at(-1)?.query).toEqual({ tourRoundId: roundA, status: 'withdrawn', page: '1', pageSize: '20' }))
  })

  it('publishes a draft after confirmation through POST /publish', async () => {
    let current: TourNotice = notice()
    const fetchMock = serveTours({
      notices: () => [current],
      handle: (method, pathname) => {
        if (method !== 'POST' || pathname !== `/api/staff/tour-notices/${noticeA}/publish`) return undefined
        current = notice({ status: 'published', publishedAt: '2026-11-24T04:00:00.000Z' })
        return { status: 200, body: current }
      },
    })
    await openNotices()
    await screen.findByText('十五届县委第八轮巡察进驻县自然资源局公告', {}, slow)
    fireEvent.click(document.querySelector(`#notice-publish-${noticeA}`)!)
    expect(requestsTo(fetchMock, `/api/staff/tour-notices/${noticeA}/publish`, 'POST')).toHaveLength(0)
    await waitFor(() => expect(document.querySelector('#notice-publish-confirm')).toBeTruthy())
    fireEvent.click(document.querySelector('#notice-publish-confirm')!)
    await waitFor(() => expect(screen.getByTestId(`notice-status-${noticeA}`).textContent).toBe('已发布'))
    expect(requestsTo(fetchMock, `/api/staff/tour-notices/${noticeA}/publish`, 'POST')).toHaveLength(1)
    expect(document.querySelector(`#notice-withdraw-${noticeA}`)).toBeTruthy()
  })

  it('withdraws a published notice only with a reason, through POST /withdraw', async () => {
    let current: TourNotice = publishedB
    const fetchMock = serveTours({
      notices: () => [current],
      handle: (method, pathname, body) => {
        if (method !== 'POST' || pathname !== `/api/staff/tour-notices/${noticeB}/withdraw`) return undefined
        current = { ...publishedB, status: 'withdrawn', withdrawReason: (body as { reason: string }).reason, withdrawnAt: '2026-11-24T05:00:00.000Z' }
        return { status: 200, body: current }
      },
    })
    await openNotices()
    await screen.findByText('十五届县委第八轮巡察公告', {}, slow)
    fireEvent.click(document.querySelector(`#notice-withdraw-${noticeB}`)!)
    expect(await screen.findByText(/将立即从小程序和扫码页面消失/, {}, slow)).toBeTruthy()
    fireEvent.click(document.querySelector('#notice-withdraw-confirm')!)
    expect(await screen.findByText('请填写撤回原因', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, `/api/staff/tour-notices/${noticeB}/withdraw`, 'POST')).toHaveLength(0)

    fireEvent.change(document.querySelector('#withdraw_reason')!, { target: { value: ' 值班电话有误，更正后重新发布 ' } })
    fireEvent.click(document.querySelector('#notice-withdraw-confirm')!)
    await waitFor(() => expect(screen.getByTestId(`notice-status-${noticeB}`).textContent).toBe('已撤回'))
    expect(requestsTo(fetchMock, `/api/staff/tour-notices/${noticeB}/withdraw`, 'POST').map((r) => r.body)).toEqual([{ reason: '值班电话有误，更正后重新发布' }])
  })

  it('checks a new notice in Chinese before sending, then creates it with the group’s contact filled in', async () => {
    const fetchMock = serveTours({
      handle: (method, pathname, body) =>
        method === 'POST' && pathname === '/api/staff/tour-notices' ? { status: 201, body: notice({ ...(body as object), id: noticeB }) } : undefined,
    })
    await openNotices()
    fireEvent.click(await screen.findByRole('button', { name: /新建公示/ }, slow))
    await screen.findByLabelText('巡察轮次', {}, slow)
    fireEvent.click(document.querySelector('#notice-save')!)
    expect(await screen.findByText('请选择巡察轮次', {}, slow)).toBeTruthy()
    expect(screen.getByText('请填写公示标题')).toBeTruthy()
    expect(screen.getByText('请选择被巡察单位或全轮次')).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/tour-notices', 'POST')).toHaveLength(0)

    await choose(document.querySelector('#notice_tourRoundId')!, '十五届县委第八轮巡察（2026-8）')
    await choose(document.querySelector('#notice_inspectedUnitId')!, '县自然资源局（县委第一巡察组）')
    await waitFor(() => expect((document.querySelector('#notice_contactPhone') as HTMLInputElement).value).toBe('0871-6000001'))
    expect((document.querySelector('#notice_title') as HTMLInputElement).value).toBe('十五届县委第八轮巡察进驻县自然资源局公告')

    fireEvent.click(document.querySelector('#notice-form-preview')!)
    const preview = await screen.findByTestId('notice-preview', {}, slow)
    expect(within(preview).getByTestId('preview-subject').textContent).toBe('十五届县委第八轮巡察 · 县自然资源局')
    expect(within(preview).getByTestId('preview-period').textContent).toBe('2026年10月8日至12月8日')
    expect(within(preview).getByTestId('preview-phone').textContent).toContain('0871-6000001')
    fireEvent.click(document.querySelector('#notice-preview-close')!)

    fireEvent.click(document.querySelector('#notice-save')!)
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/tour-notices', 'POST')).toHaveLength(1))
    expect(requestsTo(fetchMock, '/api/staff/tour-notices', 'POST')[0].body).toMatchObject({
      tourRoundId: roundA,
      inspectedUnitId: inspectedA,
      title: '十五届县委第八轮巡察进驻县自然资源局公告',
      startsOn: '2026-10-08',
      endsOn: '2026-12-08',
      contactPhone: '0871-6000001',
      contactMailbox: '县邮政信箱 101 号',
      contactAddress: '县委大院 3 号楼',
    })
  })

  it('puts the server’s field errors under the inputs when saving an edited draft', async () => {
    const fetchMock = serveTours({
      handle: (method, pathname) =>
        method === 'PATCH' && pathname === `/api/staff/tour-notices/${noticeA}`
          ? {
              status: 400,
              body: {
                code: 'VALIDATION_FAILED',
                message: '提交的内容不符合要求，请检查标出的字段',
                issues: [
                  { path: 'endsOn', code: 'custom', message: '结束日期不能早于开始日期' },
                  { path: 'contactMailbox', code: 'too_big', message: '不能超过 100 个字' },
                ],
              },
            }
          : undefined,
    })
    await openNotices()
    await screen.findByText('十五届县委第八轮巡察进驻县自然资源局公告', {}, slow)
    fireEvent.click(document.querySelector(`#notice-edit-${noticeA}`)!)
    const title = (await screen.findByLabelText('公示标题', {}, slow)) as HTMLInputElement
    expect(title.value).toBe('十五届县委第八轮巡察进驻县自然资源局公告')
    fireEvent.change(document.querySelector('#notice_body')!, { target: { value: '现将有关事项公告如下。' } })
    fireEvent.click(document.querySelector('#notice-save')!)
    const endsOn = await screen.findByText('结束日期不能早于开始日期', {}, slow)
    expect(endsOn.closest('.ant-form-item')!.querySelector('#notice_endsOn')).toBeTruthy()
    expect(screen.getByText('不能超过 100 个字').closest('.ant-form-item')!.querySelector('#notice_contactMailbox')).toBeTruthy()
    expect(requestsTo(fetchMock, `/api/staff/tour-notices/${noticeA}`, 'PATCH')[0].body).toEqual({
      title: '十五届县委第八轮巡察进驻县自然资源局公告',
      startsOn: '2026-10-08',
      endsOn: '2026-12-08',
      contactPhone: '0871-6000001',
      contactMailbox: '县邮政信箱 101 号',
      contactAddress: '县委大院 3 号楼',
      scope: '主要受理反映县自然资源局领导班子及其成员问题的来信来电来访。',
      howToReport: '电话、信箱、扫码反映。',
      body: '现将有关事项公告如下。',
    })
  })

  it('previews a notice as the citizen sees it', async () => {
    serveTours({ notices: () => [notice({ body: '现将有关事项公告如下。' })] })
    await openNotices()
    await screen.findByText('十五届县委第八轮巡察进驻县自然资源局公告', {}, slow)
    fireEvent.click(document.querySelector(`#notice-preview-${noticeA}`)!)
    const preview = await screen.findByTestId('notice-preview', {}, slow)
    expect(within(preview).getByTestId('preview-title').textContent).toBe('十五届县委第八轮巡察进驻县自然资源局公告')
    expect(within(preview).getByTestId('preview-group').textContent).toBe('县委第一巡察组')
    expect(within(preview).getByTestId('preview-mailbox').textContent).toContain('县邮政信箱 101 号')
    expect(within(preview).getByTestId('preview-scope').textContent).toBe('主要受理反映县自然资源局领导班子及其成员问题的来信来电来访。')
    expect(within(preview).getByTestId('preview-body').textContent).toBe('现将有关事项公告如下。')
  })
})
