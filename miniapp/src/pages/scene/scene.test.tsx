import { fireEvent, render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PublicTourNotice, SceneResolve } from '@msjd/shared/tours'
import { router, taroMock, taroStorage } from '../../test/taro-mock'
import Scene from './index'

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null

const notice: PublicTourNotice = {
  id: 'n1',
  title: '县委第八轮巡察第一巡察组进驻县教育局公告',
  round: { id: 'r8', name: '县委第八轮巡察', code: '2026-2', status: 'active' },
  unit: { id: 'u1', name: '县教育局' },
  group: { name: '第一巡察组' },
  startsOn: '2026-09-01',
  endsOn: '2026-11-30',
  contactPhone: '0371-66881001',
  contactMailbox: 'xcz1@jw.example.gov.cn',
  contactAddress: '县纪委监委 301 室',
  scope: '重点受理反映县教育局领导班子及其成员问题的来信来电来访',
  howToReport: '电话、来信、来访，或点击下方“我要反映”',
  body: null,
  publishedAt: '2026-09-01T01:00:00.000Z',
  current: true,
}
const tourScene = (over: Partial<SceneResolve> = {}): SceneResolve => ({
  scene: 'S1.sig',
  kind: 'tour_unit',
  round: { id: 'r8', name: '县委第八轮巡察', code: '2026-2', startsOn: '2026-09-01', endsOn: '2026-11-30', status: 'active' },
  unit: { id: 'u1', name: '县教育局' },
  inspectedUnitId: 'i1',
  group: { name: '第一巡察组', phone: '0371-66881001', mailbox: 'xcz1@jw.example.gov.cn', address: '县纪委监委 301 室' },
  monitoringPoint: null,
  notice,
  ...over,
})

function answer(resolved: SceneResolve) {
  taroMock.request.mockImplementation(async (o: { url: string }) =>
    o.url.endsWith('/auth/device')
      ? { statusCode: 200, data: { token: 't', expiresIn: 3600, citizen: { id: 'c1', via: 'device' } } }
      : { statusCode: 200, data: resolved },
  )
}

describe('scene page with a tour notice', () => {
  it('shows the unit’s published notice before the report entry, and hands the scene to 我要反映', async () => {
    router.params = { scene: 'S1.sig' }
    answer(tourScene())
    const { container } = render(<Scene />)
    await waitFor(() => expect($(container, 'notice-view')).not.toBeNull())
    expect(text(container, 'notice-title')).toBe('县委第八轮巡察第一巡察组进驻县教育局公告')
    expect(text(container, 'notice-period')).toBe('2026年9月1日至11月30日')
    // the notice comes first in the page, the report entry after it
    const order = Array.from(container.querySelectorAll('#notice-view, #scene-report')).map((el) => el.id)
    expect(order).toEqual(['notice-view', 'scene-report'])
    expect(text(container, 'scene-target')).toBe('县委第八轮巡察 · 县教育局')
    fireEvent.click($(container, 'notice-copy-mail')!)
    await waitFor(() => expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: 'xcz1@jw.example.gov.cn' }))
    fireEvent.click($(container, 'scene-report')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' })
    expect(taroStorage.get('msjd.reportScene')).toMatchObject({ scene: 'S1.sig', inspectedUnitId: 'i1', tourRoundId: 'r8', unitId: 'u1' })
  })

  it('shows no notice once it was withdrawn (the server sends none), only the report entry', async () => {
    router.params = { scene: 'S1.sig' }
    answer(tourScene({ notice: null }))
    const { container } = render(<Scene />)
    await waitFor(() => expect(text(container, 'scene-target')).toBe('县委第八轮巡察 · 县教育局'))
    expect($(container, 'notice-view')).toBeNull()
    expect($(container, 'scene-report')).not.toBeNull()
  })

  it('keeps monitoring-point scenes as they were: no notice', async () => {
    router.params = { scene: 'M1.sig' }
    answer(
      tourScene({
        scene: 'M1.sig',
        kind: 'monitoring_point',
        round: null,
        unit: null,
        inspectedUnitId: null,
        group: null,
        monitoringPoint: { id: 'mp1', code: 'JC01', name: '县教育局营商环境监测点', address: null },
        // even if a server ever sent one, a monitoring point has no 巡察公示
        notice,
      }),
    )
    const { container } = render(<Scene />)
    await waitFor(() => expect(text(container, 'scene-target')).toBe('县教育局营商环境监测点'))
    expect($(container, 'notice-view')).toBeNull()
    fireEvent.click($(container, 'scene-report')!)
    expect(taroStorage.get('msjd.reportScene')).toMatchObject({ scene: 'M1.sig', monitoringPointId: 'mp1', inspectedUnitId: null })
  })
})

describe('scene page when the code cannot be used', () => {
  it('says so once, without the contradicting “will fill in” promise, and reports without a scene', async () => {
    router.params = { s: '<bad>' }
    const { container } = render(<Scene />)
    expect(text(container, 'scene-error')).toContain('请重新扫描')
    expect(text(container, 'scene-note')).toBe('您仍然可以直接反映问题，被反映单位等信息需要自己填写。')
    expect(container.textContent).not.toContain('自动填写')
    expect($(container, 'scene-value')).toBeNull()
    fireEvent.click($(container, 'scene-report')!)
    expect(text(container, 'scene-report')).toBe('直接反映问题')
    expect(taroStorage.get('msjd.reportScene')).toEqual({ clear: true })
  })

  it('tells that the round ended when the server says the code expired', async () => {
    router.params = { scene: 'S1.sig' }
    taroMock.request.mockImplementation(async (o: { url: string }) =>
      o.url.endsWith('/auth/device')
        ? { statusCode: 200, data: { token: 't', expiresIn: 3600, citizen: { id: 'c1', via: 'device' } } }
        : { statusCode: 410, data: { code: 'SCENE_EXPIRED', message: '本轮巡察已结束，二维码已失效' } },
    )
    const { container } = render(<Scene />)
    await waitFor(() => expect(text(container, 'scene-error')).toBe('本轮巡察已结束，二维码已失效'))
    expect(text(container, 'scene-error-title')).toBe('这个二维码暂时无法使用')
  })

  it('headlines the round and unit, not the raw token', async () => {
    router.params = { scene: 'S1.sig' }
    answer(tourScene({ notice: null }))
    const { container } = render(<Scene />)
    await waitFor(() => expect(text(container, 'scene-target')).toBe('县委第八轮巡察 · 县教育局'))
    const headline = container.querySelector('.scene__target')!
    expect(headline.textContent).not.toContain('S1.sig')
    expect(taroMock.setNavigationBarTitle).toHaveBeenCalledWith({ title: '县委第八轮巡察 · 县教育局' })
  })
})
