import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderApp } from '../../test/render'
import { requestsTo, serveBusiness, serviceItem, unitA } from './fixtures.test-util'
import { importSummary } from './ImportModal'

const slow = { timeout: 20_000 }

describe('事项管理', { timeout: 60_000 }, () => {
  // the page loads lazily; on a busy machine its first import alone can outlast a findBy wait
  beforeAll(() => import('./ItemsPage'), 60_000)

  it('lists items with unit and promised days, filters by code/name and unit from the address', async () => {
    const fetchMock = serveBusiness()
    renderApp(`/business/items?q=SC&unitId=${unitA}`, { loggedIn: true })
    const table = await screen.findByTestId('items-table', {}, slow)
    expect(await within(table).findByText('食品经营许可证核发', {}, slow)).toBeTruthy()
    expect(within(table).getByText('10 个工作日')).toBeTruthy()
    expect(within(table).getByText('2 项')).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/business/service-items')[0].query).toEqual({ q: 'SC', unitId: unitA, page: '1', pageSize: '20' })
    const search = document.querySelector('#items-search')!
    fireEvent.change(search, { target: { value: ' 许可 ' } })
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 })
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/business/service-items').at(-1)?.query).toEqual({ q: '许可', unitId: unitA, page: '1', pageSize: '20' }))
  })

  it('creates an item with its materials, checked by the shared schema first', async () => {
    const fetchMock = serveBusiness((url, init) =>
      url.pathname === '/api/staff/business/service-items' && init.method === 'POST' ? { status: 201, body: serviceItem({ id: '99999999-9999-4999-8999-999999999999', code: 'SC0002' }) } : undefined,
    )
    renderApp('/business/items', { loggedIn: true })
    fireEvent.click(await screen.findByText('新增事项', {}, slow))
    const dialog = await screen.findByRole('dialog', {}, slow)
    // nothing filled in: the shared schema answers in Chinese under the fields, nothing is sent
    fireEvent.click(within(dialog).getByText('保 存'))
    expect(await within(dialog).findByText('请填写事项编码', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/business/service-items').filter((r) => r.method === 'POST')).toHaveLength(0)

    fireEvent.change(dialog.querySelector('#item-code')!, { target: { value: 'SC0002' } })
    fireEvent.change(dialog.querySelector('#item-name')!, { target: { value: '酒类经营许可' } })
    fireEvent.mouseDown(dialog.querySelector('#item-unit')!)
    fireEvent.click(await screen.findByTitle('县市场监督管理局', {}, slow))
    fireEvent.change(dialog.querySelector('#item-days')!, { target: { value: '5' } })
    fireEvent.click(within(dialog).getByText('添加材料'))
    fireEvent.change(await within(dialog).findByPlaceholderText('材料 1'), { target: { value: '申请表' } })
    fireEvent.click(within(dialog).getByText('添加材料'))
    fireEvent.change(await within(dialog).findByPlaceholderText('材料 2'), { target: { value: '  ' } })
    fireEvent.click(within(dialog).getByText('保 存'))
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/business/service-items').filter((r) => r.method === 'POST')).toHaveLength(1))
    const [post] = requestsTo(fetchMock, '/api/staff/business/service-items').filter((r) => r.method === 'POST')
    // the blank material row is dropped rather than sent
    expect(post.body).toEqual({ code: 'SC0002', name: '酒类经营许可', unitId: unitA, promisedDays: 5, materials: ['申请表'] })
  })

  it('shows the server refusing a duplicate code under the field', async () => {
    serveBusiness((url, init) =>
      url.pathname === `/api/staff/business/service-items/${serviceItem().id}` && init.method === 'PUT'
        ? { status: 409, body: { code: 'CONFLICT', message: '事项编码已存在', issues: [{ path: 'code', code: 'DUPLICATE', message: '事项编码 SC0001 已被其他事项使用' }] } }
        : undefined,
    )
    renderApp('/business/items', { loggedIn: true })
    fireEvent.click(await screen.findByTestId('item-edit-SC0001', {}, slow))
    const dialog = await screen.findByRole('dialog', {}, slow)
    expect((dialog.querySelector('#item-code') as HTMLInputElement).value).toBe('SC0001')
    expect((await within(dialog).findByPlaceholderText('材料 2') as HTMLInputElement).value).toBe('营业执照复印件')
    fireEvent.click(within(dialog).getByText('保 存'))
    expect(await within(dialog).findByText('事项编码 SC0001 已被其他事项使用', {}, slow)).toBeTruthy()
  })

  it('uploads the XLSX with the token and lists every rejected row', async () => {
    const fetchMock = serveBusiness((url, init) =>
      url.pathname === '/api/staff/business/service-items/import' && init.method === 'POST'
        ? {
            status: 200,
            body: {
              committed: false,
              rows: 3,
              created: 0,
              updated: 0,
              unchanged: 0,
              rejected: [
                { line: 3, field: '单位编码', value: 'XX999', reason: '单位编码不存在或未进驻' },
                { line: 4, field: '承诺时限', value: '十天', reason: '承诺时限应为 0-365 的整数' },
              ],
            },
          }
        : undefined,
    )
    renderApp('/business/items', { loggedIn: true })
    fireEvent.click(await screen.findByText('导入 Excel', {}, slow))
    const dialog = await screen.findByRole('dialog', {}, slow)
    const input = dialog.querySelector('input[type=file]') as HTMLInputElement
    const file = new File(['PK'], '事项.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    fireEvent.change(input, { target: { files: [file] } })
    expect(await within(dialog).findByText('事项.xlsx', {}, slow)).toBeTruthy()
    fireEvent.click(dialog.querySelector('#items-import-partial')!)
    fireEvent.click(within(dialog).getByText('开始导入'))
    const rejections = await screen.findByTestId('items-import-rejections', {}, slow)
    expect(within(rejections).getByText('单位编码不存在或未进驻')).toBeTruthy()
    expect(within(rejections).getByText('十天')).toBeTruthy()
    expect(screen.getByTestId('items-import-result').textContent).toContain('未导入任何数据')
    const [upload] = requestsTo(fetchMock, '/api/staff/business/service-items/import')
    expect(upload.query).toEqual({ partial: 'true' })
    expect(upload.headers.Authorization).toBe('Bearer test-token')
    expect((upload.body as FormData).get('file')).toBeInstanceOf(File)
  })

  it('sums up a committed import', () => {
    expect(importSummary({ committed: true, rows: 5, created: 3, updated: 1, unchanged: 0, rejected: [{ line: 6, field: '', value: null, reason: '空行' }] })).toBe(
      '共 5 行：新增 3 个，更新 1 个，未变化 0 个，1 处不合格未导入。',
    )
  })
})
