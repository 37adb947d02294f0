import { act, fireEvent, render } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { PrivacyRefusedError } from '../lib/privacy-authorization'
import { screenVideo, type DraftVideo, type ScreenedVideo } from '../lib/video'
import { taroMock } from '../test/taro-mock'
import { chooseVideo, uploadVideo } from '../services/videos'
import VideoPicker from './VideoPicker'

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null
const mp4Head = new Uint8Array([0, 0, 0, 0x20, ...new TextEncoder().encode('ftypmp42'), 0, 0, 0, 0])
const MB = 1024 * 1024

/** The page's part: it keeps the chosen video in the draft. */
function Harness({ choose, uploaded = false }: { choose: () => Promise<ScreenedVideo>; uploaded?: boolean }) {
  const [video, setVideo] = useState<DraftVideo | null>(null)
  return <VideoPicker idPrefix='v' video={video} uploaded={uploaded} choose={choose} onPicked={setVideo} onRemove={() => setVideo(null)} />
}

async function tap(el: HTMLElement) {
  await act(async () => {
    fireEvent.click(el)
  })
}

describe('VideoPicker', () => {
  it('shows the limits before anything is chosen, then the chosen video with its length and size, removable', async () => {
    const choose = vi.fn(async () => screenVideo({ path: 'wxfile://v.mp4', size: 12 * MB, duration: 35, head: mp4Head }))
    const { container } = render(<Harness choose={choose} />)
    expect($(container, 'v-limit')!.textContent).toContain('不超过 60 秒、50 MB')
    expect($(container, 'v-limit')!.textContent).toContain('去除视频中的位置')
    await tap($(container, 'v-add')!)
    expect($(container, 'v-chosen')!.textContent).toContain('0:35 · 12.0 MB')
    // one video at most: no second add tile
    expect($(container, 'v-add')).toBeNull()
    await tap($(container, 'v-remove')!)
    expect($(container, 'v-chosen')).toBeNull()
    expect($(container, 'v-add')).not.toBeNull()
  })

  it('refuses a 61-second and an 80 MB video at once, with the reason', async () => {
    const long = vi.fn(async () => screenVideo({ path: 'a', size: MB, duration: 61, head: mp4Head }))
    const { container, unmount } = render(<Harness choose={long} />)
    await tap($(container, 'v-add')!)
    expect($(container, 'v-error')!.textContent).toBe('这段视频长 61 秒，超过 60 秒，请剪短后再选，或重新拍摄，未添加。')
    expect($(container, 'v-chosen')).toBeNull()
    unmount()
    const big = vi.fn(async () => screenVideo({ path: 'a', size: 80 * MB, duration: 10, head: mp4Head }))
    const second = render(<Harness choose={big} />)
    await tap($(second.container, 'v-add')!)
    expect($(second.container, 'v-error')!.textContent).toContain('超过 50 MB')
  })

  it('says why when the privacy guide was refused, and nothing when the citizen cancelled', async () => {
    const refused = vi.fn(async (): Promise<ScreenedVideo> => {
      throw new PrivacyRefusedError()
    })
    const { container } = render(<Harness choose={refused} />)
    await tap($(container, 'v-add')!)
    expect($(container, 'v-error')!.textContent).toBe('未同意用户隐私保护指引，不能添加视频')
    const cancelled = render(<Harness choose={vi.fn(async (): Promise<ScreenedVideo> => Promise.reject({ errMsg: 'chooseMedia:fail cancel' }))} />)
    await tap($(cancelled.container, 'v-add')!)
    expect($(cancelled.container, 'v-error')).toBeNull()
  })

  it('an uploaded video cannot be removed from here', () => {
    const { container } = render(<VideoPicker idPrefix='v' video={{ path: 'a', size: MB, duration: 5 }} uploaded onPicked={vi.fn()} onRemove={vi.fn()} />)
    expect($(container, 'v-chosen')!.textContent).toContain('已上传')
    expect($(container, 'v-remove')).toBeNull()
  })
})

describe('the video service (weapp)', () => {
  it('asks WeChat for one video of at most 60 s and screens what comes back', async () => {
    const chooseMedia = vi.fn(async () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/v.mp4', size: 3 * MB, duration: 75, fileType: 'video' }], type: 'video' }))
    const getFileSystemManager = vi.fn(() => ({ readFileSync: () => mp4Head.buffer }))
    Object.assign(taroMock, { chooseMedia, getFileSystemManager })
    const prev = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      const screened = await chooseVideo()
      expect(chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ mediaType: ['video'], count: 1, maxDuration: 60 }))
      // an album video may be longer than the camera's limit
      expect(screened.refused).toContain('75 秒')
    } finally {
      process.env.TARO_ENV = prev
      // the shared mock resets only the APIs it declares itself
      delete (taroMock as Record<string, unknown>).chooseMedia
      delete (taroMock as Record<string, unknown>).getFileSystemManager
    }
  })

  it('uploads a 保密 report’s video by query code, without a token, with progress', async () => {
    const progress: number[] = []
    taroMock.uploadFile.mockImplementation((options: { url: string; header: Record<string, string>; name: string; timeout: number }) => {
      const task = Promise.resolve({ statusCode: 201, data: JSON.stringify({ id: 'a1', mime: 'video/mp4', size: 10, durationSeconds: 3 }) }) as Promise<unknown> & { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void }
      task.onProgressUpdate = (cb) => cb({ progress: 40 })
      expect(options.url).toBe('http://api.test/api/public/reports/lookup/video')
      expect(options.header).toEqual({ 'x-report-code': 'C0DE', 'x-report-secret': 'S3CRET' })
      expect(options.name).toBe('file')
      expect(options.timeout).toBeGreaterThan(120_000)
      return task
    })
    const res = await uploadVideo('r1', 'wxfile://v.mp4', { creds: { code: 'C0DE', secret: 'S3CRET' }, onProgress: (p) => progress.push(p) })
    expect(res).toEqual({ id: 'a1', mime: 'video/mp4', size: 10, durationSeconds: 3 })
    expect(progress).toEqual([40])
  })
})
