import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { group, groupA, groupB, inspected, inspectedA, memberA, renderPage, requestsTo, round, roundA, roundB, serveTours, unitA } from './fixtures.test-util'
import RoundsPage from './RoundsPage'

const slow = { timeout: 8000 }

async function openRounds(path = '/tours/rounds') {
  renderPage(RoundsPage, path)
  return screen.findByTestId('rounds-table', {}, slow)
}

/** Picks an option of an antd Select by its visible label. */
async function choose(select: Element, label: string) {
  fireEvent.mouseDown(select.closest('.ant-select-selector') ?? select)
  const options = await screen.findAllByTitle(label, {}, slow)
  fireEvent.click(options.at(-1)!)
}

describe('巡察轮次', () => {
  it('lists the rounds with period, status and unit count, filters by status, and shows groups with members', async () => {
    serveTours({ rounds: () => [round(), round({ id: roundB, name: '十五届县委第七轮巡察', code: '2026-7', status: 'finished', startsOn: '2026-04-01', endsOn: '2026-06-01', unitCount: 12 })] })
    const table = await openRounds()
    const eighth = (await within(table).findByText('十五届县委第八轮巡察', {}, slow)).closest('tr')!
    expect(within(eighth).getByText('2026-10-08 至 2026-12-08')).toBeTruthy()
    expect(within(eighth).getByText('进行中')).toBeTruthy()
    const seventh = within(table).getByText('十五届县委第七轮巡察').closest('tr')!
    expect(within(seventh).getByText('已结束')).toBeTruthy()
    expect(within(seventh).getByText('12')).toBeTruthy()

    await choose(document.querySelector('#round-status-filter')!, '已结束')
    await waitFor(() => expect(within(table).queryByText('十五届县委第八轮巡察')).toBeNull())
    expect(within(table).getByText('十五届县委第七轮巡察')).toBeTruthy()

    fireEvent.click(screen.getByRole('tab', { name: '巡察组' }))
    const groups = await screen.findByTestId('groups-table', {}, slow)
    const first = (await within(groups).findByText('县委第一巡察组', {}, slow)).closest('tr')!
    expect(within(first).getByText('李组员')).toBeTruthy()
    expect(within(first).getByText('0871-6000001')).toBeTruthy()
  })

  it('checks a new round with the shared rules in Chinese before sending anything', async () => {
    const fetchMock = serveTours()
    await openRounds()
    fireEvent.click(await screen.findByRole('button', { name: /新建轮次/ }, slow))
    fireEvent.click(await screen.findByRole('button', { name: /保\s*存/ }, slow))
    expect(await screen.findByText('请填写轮次名称', {}, slow)).toBeTruthy()
    expect(screen.getByText('请填写轮次编号')).toBeTruthy()
    expect(screen.getByText('请选择开始日期')).toBeTruthy()
    expect(screen.getByText('请选择结束日期')).toBeTruthy()
    expect(requestsTo(fetchMock, '/api/staff/tour-rounds', 'POST')).toHaveLength(0)
  })

  it('shows the server’s answers on the fields: a taken code and a reversed period', async () => {
    let attempt = 0
    const fetchMock = serveTours({
      handle: (method, pathname) => {
        if (method !== 'PUT' || pathname !== `/api/staff/tour-rounds/${roundA}`) return undefined
        attempt += 1
        return attempt === 1
          ? { status: 409, body: { code: 'ROUND_CODE_TAKEN', message: '轮次编号 2026-7 已存在' } }
          : {
              status: 400,
              body: { code: 'VALIDATION_FAILED', message: '提交的内容不符合要求', issues: [{ path: 'endsOn', code: 'custom', message: '结束日期不能早于开始日期' }] },
            }
      },
    })
    await openRounds()
    fireEvent.click(await screen.findByRole('button', { name: '编辑' }, slow))
    const code = (await screen.findByLabelText('轮次编号', {}, slow)) as HTMLInputElement
    expect(code.value).toBe('2026-8')
    fireEvent.change(code, { target: { value: '2026-7' } })
    fireEvent.click(document.querySelector('#round-save')!)
    expect(await screen.findByText('轮次编号 2026-7 已存在', {}, slow)).toBeTruthy()
    expect(code.closest('.ant-form-item')!.className).toContain('ant-form-item-has-error')
    expect(requestsTo(fetchMock, `/api/staff/tour-rounds/${roundA}`, 'PUT')[0].body).toEqual({
      name: '十五届县委第八轮巡察',
      code: '2026-7',
      startsOn: '2026-10-08',
      endsOn: '2026-12-08',
      status: 'active',
    })

    fireEvent.change(code, { target: { value: '2026-9' } })
    fireEvent.click(document.querySelector('#round-save')!)
    const message = await screen.findByText('结束日期不能早于开始日期', {}, slow)
    expect(message.closest('.ant-form-item')!.querySelector('#round_endsOn')).toBeTruthy()
  })

  it('manages the inspected units of a round: change the group, remove, and download posters with the token', async () => {
    const created: string[] = []
    const fetchMock = serveTours({
      handle: (method, pathname) => {
        if (method === 'PATCH' && pathname === `/api/staff/inspected-units/${inspectedA}`) {
          return { status: 200, body: inspected({ tourGroup: { id: groupB, name: '县委第二巡察组' } }) }
        }
        if (method === 'DELETE' && pathname === `/api/staff/inspected-units/${inspectedA}`) {
          return { status: 409, body: { code: 'HAS_PUBLISHED_NOTICE', message: '该单位有已发布的巡察公示，请先撤回' } }
        }
        if (pathname === `/api/staff/posters/inspected-units/${inspectedA}/qr.png`) {
          return {
            status: 200,
            raw: new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
            headers: { 'Content-Type': 'image/png', 'Content-Disposition': `attachment; filename="x.png"; filename*=UTF-8''${encodeURIComponent('2026-8_县自然资源局.png')}` },
          }
        }
        if (pathname === `/api/staff/posters/rounds/${roundA}/posters.zip`) {
          return { status: 404, body: { code: 'NOTHING_TO_EXPORT', message: '本轮次没有可导出的被巡察单位' } }
        }
        return undefined
      },
    })
    const createObjectURL = vi.fn(() => 'blob:poster')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(this.download)
    })

    await openRounds()
    fireEvent.click(await screen.findByRole('button', { name: '被巡察单位' }, slow))
    const drawer = await screen.findByTestId('round-units-drawer', {}, slow)
    const row = (await within(drawer).findByText('县自然资源局', {}, slow)).closest('tr')!

    await choose(row.querySelector(`#iu-group-${inspectedA}`)!, '县委第二巡察组')
    await waitFor(() => expect(requestsTo(fetchMock, `/api/staff/inspected-units/${inspectedA}`, 'PATCH').map((r) => r.body)).toEqual([{ tourGroupId: groupB }]))

    fireEvent.click(row.querySelector(`#iu-png-${inspectedA}`)!)
    await waitFor(() => expect(created).toEqual(['2026-8_县自然资源局.png']))
    const png = requestsTo(fetchMock, `/api/staff/posters/inspected-units/${inspectedA}/qr.png`)
    expect(png[0].headers.Authorization).toBe('Bearer test-token')
    expect(clicked).toHaveBeenCalledTimes(1)
    expect(createObjectURL).toHaveBeenCalledTimes(1)

    fireEvent.click(document.querySelector('#round-units-zip')!)
    expect(await screen.findByText('本轮次没有可导出的被巡察单位', {}, slow)).toBeTruthy()

    fireEvent.click(row.querySelector(`#iu-remove-${inspectedA}`)!)
    await waitFor(() => expect(document.querySelector('#iu-remove-confirm')).toBeTruthy())
    fireEvent.click(document.querySelector('#iu-remove-confirm')!)
    expect(await screen.findByText('该单位有已发布的巡察公示，请先撤回', {}, slow)).toBeTruthy()
    expect(requestsTo(fetchMock, `/api/staff/inspected-units/${inspectedA}`, 'DELETE')).toHaveLength(1)
  })

  it('creates a group with its contact and members, and names refused members on the members field', async () => {
    let attempt = 0
    const fetchMock = serveTours({
      handle: (method, pathname, body) => {
        if (method !== 'POST' || pathname !== '/api/staff/tour-groups') return undefined
        attempt += 1
        if (attempt === 1) return { status: 400, body: { code: 'INVALID_MEMBERS', message: '巡察组成员须为“巡察组”角色的工作人员', details: { memberIds: [memberA] } } }
        return { status: 201, body: group({ ...(body as object), id: groupB, members: [] }) }
      },
    })
    renderPage(RoundsPage, '/tours/rounds?tab=groups')
    await screen.findByTestId('groups-table', {}, slow)
    fireEvent.click(await screen.findByRole('button', { name: /新建巡察组/ }, slow))
    fireEvent.click(await screen.findByRole('button', { name: /保\s*存/ }, slow))
    expect(await screen.findByText('请填写巡察组名称', {}, slow)).toBeTruthy()

    fireEvent.change(screen.getByLabelText('巡察组名称'), { target: { value: '县委第三巡察组' } })
    fireEvent.change(screen.getByLabelText('值班电话'), { target: { value: '0871-6000003' } })
    await choose(document.querySelector('#group_memberIds')!, '李组员（xcz1） · 已在其他巡察组，选入即调整')
    fireEvent.click(document.querySelector('#group-save')!)
    const refused = await screen.findByText('巡察组成员须为“巡察组”角色的工作人员', {}, slow)
    expect(refused.closest('.ant-form-item')!.querySelector('#group_memberIds')).toBeTruthy()

    fireEvent.click(document.querySelector('#group-save')!)
    await waitFor(() => expect(requestsTo(fetchMock, '/api/staff/tour-groups', 'POST')).toHaveLength(2))
    expect(requestsTo(fetchMock, '/api/staff/tour-groups', 'POST')[1].body).toEqual({
      name: '县委第三巡察组',
      leader: null,
      phone: '0871-6000003',
      mailbox: null,
      address: null,
      memberIds: [memberA],
    })
    await waitFor(() => expect(document.querySelector('#group-save')).toBeNull())
  })

  it('adds an inspected unit found by name, and shows “already inspected” on the unit field', async () => {
    let attempt = 0
    const fetchMock = serveTours({
      handle: (method, pathname, body) => {
        if (method === 'GET' && pathname === '/api/staff/units') {
          return { status: 200, body: { items: [{ id: unitA, code: 'D001', name: '县自然资源局', kind: 'department', onboard: false, parentId: null }], total: 1, page: 1, pageSize: 20 } }
        }
        if (method !== 'POST' || pathname !== `/api/staff/tour-rounds/${roundA}/units`) return undefined
        attempt += 1
        if (attempt === 1) return { status: 409, body: { code: 'UNIT_ALREADY_INSPECTED', message: '县自然资源局 已在本轮被巡察单位中' } }
        return { status: 201, body: inspected({ ...(body as object) }) }
      },
    })
    await openRounds()
    fireEvent.click(await screen.findByRole('button', { name: '被巡察单位' }, slow))
    fireEvent.click(await screen.findByRole('button', { name: /添加被巡察单位/ }, slow))
    const picker = await screen.findByLabelText('被巡察单位', {}, slow)
    fireEvent.change(picker, { target: { value: '自然' } })
    fireEvent.click(await screen.findByTitle('县自然资源局（D001）', {}, slow))
    expect(requestsTo(fetchMock, '/api/staff/units').at(-1)?.query).toEqual({ q: '自然', page: '1', pageSize: '20' })
    await choose(document.querySelector('#inspectedUnit_tourGroupId')!, '县委第二巡察组')
    fireEvent.click(document.querySelector('#inspected-unit-save')!)
    const taken = await screen.findByText('县自然资源局 已在本轮被巡察单位中', {}, slow)
    expect(taken.closest('.ant-form-item')!.querySelector('#inspectedUnit_unitId')).toBeTruthy()

    fireEvent.click(document.querySelector('#inspected-unit-save')!)
    await waitFor(() => expect(requestsTo(fetchMock, `/api/staff/tour-rounds/${roundA}/units`, 'POST')).toHaveLength(2))
    expect(requestsTo(fetchMock, `/api/staff/tour-rounds/${roundA}/units`, 'POST')[1].body).toEqual({ unitId: unitA, tourGroupId: groupB })
  })

  it('shows a tour-group member the rounds without the admin’s buttons', async () => {
    serveTours({
      user: { role: 'tour_group', tourGroupId: groupA },
      units: () => [
        inspected(),
        inspected({ id: '4a4a4a4a-4a4a-44a4-84a4-4a4a4a4a4a4a', unit: { id: '5b5b5b5b-5b5b-45b5-85b5-5b5b5b5b5b5b', code: 'D002', name: '县农业农村局' }, tourGroup: { id: groupB, name: '县委第二巡察组' } }),
      ],
    })
    const table = await openRounds()
    await within(table).findByText('十五届县委第八轮巡察', {}, slow)
    expect(document.querySelector('#round-create')).toBeNull()
    expect(document.querySelector(`#round-edit-${roundA}`)).toBeNull()
    expect(document.querySelector('#mp-posters-zip')).toBeNull()
    expect(document.querySelector(`#round-zip-${roundA}`)).toBeTruthy()

    fireEvent.click(document.querySelector(`#round-units-${roundA}`)!)
    const drawer = await screen.findByTestId('round-units-drawer', {}, slow)
    const own = (await within(drawer).findByText('县自然资源局', {}, slow)).closest('tr')!
    const other = within(drawer).getByText('县农业农村局').closest('tr')!
    expect((own.querySelector(`#iu-png-${inspectedA}`) as HTMLButtonElement).disabled).toBe(false)
    expect((other.querySelector('[id^=iu-pdf-]') as HTMLButtonElement).disabled).toBe(true)
    expect(document.querySelector('#inspected-unit-create')).toBeNull()
    expect(document.querySelector(`#iu-group-${inspectedA}`)).toBeNull()
  })
})
