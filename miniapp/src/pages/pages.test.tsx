import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { router, taroMock, taroStorage } from '../test/taro-mock'
import Mine from './mine/index'
import Pending from './pending/index'
import Scene from './scene/index'

const text = (container: HTMLElement, id: string) => container.querySelector(`#${id}`)?.textContent ?? null

describe('placeholder pages', () => {
  // Every feature is built now; an old link to the placeholder still says plainly that nothing is there yet.
  it('says plainly that the feature is being built', () => {
    router.params = { feature: 'business' }
    const { container } = render(<Pending />)
    expect(text(container, 'pending-title')).toBe('功能建设中')
    expect(text(container, 'pending-message')).toContain('正在建设中')
    expect(taroMock.setNavigationBarTitle).toHaveBeenCalledWith({ title: '功能建设中' })
    fireEvent.click(container.querySelector('#pending-home')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('copes with an unknown feature', () => {
    router.params = { feature: 'nope' }
    const { container } = render(<Pending />)
    expect(text(container, 'pending-title')).toBe('功能建设中')
  })
})

describe('scene page', () => {
  it('shows the scene it was opened with', () => {
    router.params = { s: 'T1.u42' }
    const { container } = render(<Scene />)
    expect(text(container, 'scene-value')).toBe('T1.u42')
    expect(text(container, 'scene-note')).toContain('我要反映')
  })

  it('resolves the scene and opens 我要反映 with it filled in', async () => {
    router.params = { scene: encodeURIComponent('S1.sig') }
    taroMock.request.mockImplementation(async (o: { url: string }) =>
      o.url.endsWith('/auth/device')
        ? { statusCode: 200, data: { token: 't', expiresIn: 3600, citizen: { id: 'c1', via: 'device' } } }
        : {
            statusCode: 200,
            data: {
              scene: 'S1.sig',
              kind: 'tour_unit',
              round: { id: 'r1', name: '2026年第三轮巡察', code: 'R3', startsOn: '2026-10-01', endsOn: '2026-12-31', status: 'active' },
              unit: { id: 'u1', name: '城关镇人民政府' },
              inspectedUnitId: 'i1',
              group: null,
              monitoringPoint: null,
              notice: null,
            },
          },
    )
    const { container } = render(<Scene />)
    await waitFor(() => expect(text(container, 'scene-target')).toBe('2026年第三轮巡察 · 城关镇人民政府'))
    expect(taroMock.request).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://api.test/api/public/scenes/S1.sig' }))
    fireEvent.click(container.querySelector('#scene-report')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' })
    expect(taroStorage.get('msjd.reportScene')).toMatchObject({ scene: 'S1.sig', unitId: 'u1', inspectedUnitId: 'i1', tourRoundId: 'r1' })
  })

  it('says when there is none', () => {
    const { container } = render(<Scene />)
    expect(text(container, 'scene-error')).toContain('没有识别到二维码信息')
  })
})

describe('mine page', () => {
  const loginOk = (token: string) => ({
    statusCode: 200,
    data: { token, expiresIn: 3600, citizen: { id: `citizen-0123456789-${token}`, via: 'device' } },
  })

  it('shows the logged-in citizen and logs in again on request', async () => {
    const tokens = ['one', 'two']
    const logins: string[] = []
    taroMock.request.mockImplementation(async (o: { url: string }) => {
      if (o.url.endsWith('/messages/unread')) return { statusCode: 200, data: { unread: 0 } }
      logins.push(o.url)
      return loginOk(tokens.shift()!)
    })
    const { container } = render(<Mine />)
    await waitFor(() => expect(text(container, 'mine-status')).toBe('已登录'))
    expect(text(container, 'mine-citizen-id')).toBe('citize…-one')
    expect(text(container, 'mine-via')).toBe('本机设备标识登录')
    await act(async () => {
      fireEvent.click(container.querySelector('#mine-relogin')!)
    })
    await waitFor(() => expect(text(container, 'mine-citizen-id')).toBe('citize…-two'))
    expect(logins).toHaveLength(2)
  })

  it('offers my reports, my evaluations, help and hotline, privacy policy, 举报须知 and about, one tap each', async () => {
    taroMock.request.mockResolvedValue(loginOk('one'))
    const { container } = render(<Mine />)
    await waitFor(() => expect(text(container, 'mine-status')).toBe('已登录'))
    expect(text(container, 'mine-help')).toContain('12388')
    fireEvent.click(container.querySelector('#mine-reports')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/track/index' })
    for (const [id, url] of [['mine-evaluations', '/pages/business/mine'], ['mine-help', '/pages/about/help'], ['mine-privacy', '/pages/about/privacy'], ['mine-notice', '/pages/about/notice'], ['mine-about', '/pages/about/index']]) {
      fireEvent.click(container.querySelector(`#${id}`)!)
      expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url })
    }
  })

  it('shows why it is not logged in, and lets the citizen retry', async () => {
    taroMock.request.mockRejectedValue(new TypeError('Failed to fetch'))
    const { container } = render(<Mine />)
    await waitFor(() => expect(text(container, 'mine-status')).toBe('未登录'))
    expect(text(container, 'mine-error')).toBe('网络连接失败，请检查网络后重试')
    expect(text(container, 'mine-relogin')).toBe('登录')
  })
})
