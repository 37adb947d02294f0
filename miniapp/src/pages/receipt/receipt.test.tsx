import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { taroMock, taroStorage } from '../../test/taro-mock'
import Receipt from './index'

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const text = (c: HTMLElement, id: string) => $(c, id)?.textContent ?? null
const receipt = (over: Record<string, unknown> = {}) => ({
  serial: 'JB20261124-0001',
  acceptDueOn: '2026-11-27',
  confidential: true,
  replayed: false,
  queryCode: '1234567890123456',
  querySecret: 'ABCD2345',
  notice: '请立即保存',
  photosFailed: 0,
  videoFailed: false,
  ...over,
})

describe('receipt', () => {
  it('shows the code and secret once, copies them, and will not let go before 我已保存', async () => {
    taroStorage.set('msjd.reportReceipt', receipt())
    const { container } = render(<Receipt />)
    await waitFor(() => expect(text(container, 'receipt-serial')).toBe('JB20261124-0001'))
    expect(text(container, 'receipt-code')).toBe('1234567890123456')
    expect(text(container, 'receipt-secret')).toBe('ABCD2345')
    expect(text(container, 'receipt-warning')).toContain('无法查看')
    expect(taroMock.enableAlertBeforeUnload).toHaveBeenCalled()
    expect(taroMock.hideHomeButton).toHaveBeenCalled()

    fireEvent.click($(container, 'receipt-copy')!)
    await waitFor(() => expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: expect.stringContaining('查询密码：ABCD2345') }))

    fireEvent.click($(container, 'receipt-done')!)
    expect(taroMock.switchTab).not.toHaveBeenCalled()
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('我已保存') }))
    expect(taroStorage.has('msjd.reportReceipt')).toBe(true)

    await act(async () => {
      fireEvent.click($(container, 'receipt-saved')!)
    })
    expect($(container, 'receipt-saved')?.getAttribute('aria-checked')).toBe('true')
    expect(taroMock.disableAlertBeforeUnload).toHaveBeenCalled()
    fireEvent.click($(container, 'receipt-done')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/track/index' })
    expect(taroStorage.has('msjd.reportReceipt')).toBe(false)
  })

  it('a real-name receipt needs no confirmation', async () => {
    taroStorage.set('msjd.reportReceipt', receipt({ confidential: false, queryCode: null, querySecret: null, notice: null }))
    const { container } = render(<Receipt />)
    await waitFor(() => expect(text(container, 'receipt-serial')).toBe('JB20261124-0001'))
    expect($(container, 'receipt-code')).toBeNull()
    expect(taroMock.enableAlertBeforeUnload).not.toHaveBeenCalled()
    fireEvent.click($(container, 'receipt-done')!)
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/track/index' })
  })

  it('says which photos and whether the video did not reach the server, and nothing when all did', async () => {
    const shown = async (over: Record<string, unknown>) => {
      taroStorage.set('msjd.reportReceipt', receipt({ confidential: false, queryCode: null, querySecret: null, notice: null, ...over }))
      const view = render(<Receipt />)
      await waitFor(() => expect(text(view.container, 'receipt-serial')).toBe('JB20261124-0001'))
      const said = text(view.container, 'receipt-uploads-failed')
      view.unmount()
      return said
    }
    expect(await shown({})).toBeNull()
    expect(await shown({ photosFailed: 2 })).toBe('反映已提交，但有 2 张图片未能上传，办理人员看不到这些图片；可在进度查询中补充文字材料。')
    expect(await shown({ videoFailed: true })).toBe('反映已提交，但视频未能上传，办理人员看不到这段视频；可在进度查询中补充文字材料，把视频里的情况写清楚。')
    expect(await shown({ photosFailed: 1, videoFailed: true })).toBe('反映已提交，但有 1 张图片和视频未能上传，办理人员看不到它们；可在进度查询中补充文字材料，把视频里的情况写清楚。')
    // a receipt kept by an older version of the app has no video field: nothing is claimed about a video
    taroStorage.set('msjd.reportReceipt', { serial: 'JB20261124-0002', acceptDueOn: '', confidential: false, replayed: false, queryCode: null, querySecret: null, notice: null, photosFailed: 0 })
    const old = render(<Receipt />)
    await waitFor(() => expect(text(old.container, 'receipt-serial')).toBe('JB20261124-0002'))
    expect(text(old.container, 'receipt-uploads-failed')).toBeNull()
  })
})
