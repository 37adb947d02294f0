import { describe, expect, it } from 'vitest'
import { parseDraftVideo, screenVideo, VIDEO_LIMIT_TEXT, videoSummary } from './video'

const enc = (s: string) => new TextEncoder().encode(s)
const mp4 = new Uint8Array([0, 0, 0, 0x20, ...enc('ftypisom'), 0, 0, 2, 0])
const mov = new Uint8Array([0, 0, 0, 0x14, ...enc('ftypqt  '), 0, 0, 2, 0])
const heic = new Uint8Array([0, 0, 0, 0x18, ...enc('ftypheic'), 0, 0, 0, 0])
const MB = 1024 * 1024

describe('screenVideo', () => {
  it('states the limits up front', () => {
    expect(VIDEO_LIMIT_TEXT).toBe('最多 1 段，不超过 60 秒、50 MB，支持 MP4、MOV')
  })
  it('accepts an MP4 or MOV within 60 seconds and 50 MB', () => {
    expect(screenVideo({ path: 'wxfile://a.mp4', size: 12 * MB, duration: 35.2, head: mp4 })).toEqual({ accepted: { path: 'wxfile://a.mp4', size: 12 * MB, duration: 35.2 } })
    expect(screenVideo({ path: 'b.mov', size: 50 * MB, duration: 60.3, head: mov }).accepted).not.toBeNull()
  })
  it('refuses a video over 60 seconds, saying how long it is', () => {
    expect(screenVideo({ path: 'long.mp4', size: MB, duration: 61, head: mp4 })).toEqual({ accepted: null, refused: '这段视频长 61 秒，超过 60 秒，请剪短后再选，或重新拍摄' })
  })
  it('refuses a video over 50 MB, saying its size', () => {
    expect(screenVideo({ path: 'big.mp4', size: 80 * MB, duration: 20, head: mp4 }).refused).toBe('这段视频有 80.0 MB，超过 50 MB，请缩短后重新拍摄')
  })
  it('refuses a file that is not an MP4/MOV by its bytes, HEIC photos included', () => {
    expect(screenVideo({ path: 'x.mp4', size: 100, duration: null, head: enc('不是视频的文本文件，改了扩展名') }).refused).toBe('这个文件不是 MP4、MOV 格式的视频')
    expect(screenVideo({ path: 'x.mp4', size: 100, duration: null, head: heic }).accepted).toBeNull()
  })
  it('leaves an unknown duration and unread bytes to the server', () => {
    expect(screenVideo({ path: 'blob:x', size: 100, duration: null, head: null }).accepted).toEqual({ path: 'blob:x', size: 100, duration: null })
  })
})

describe('videoSummary and the stored draft video', () => {
  it('shows minutes:seconds and the size', () => {
    expect(videoSummary({ path: 'a', size: 12.34 * MB, duration: 65.4 })).toBe('1:05 · 12.3 MB')
    expect(videoSummary({ path: 'a', size: 2 * MB, duration: null })).toBe('2.0 MB')
  })
  it('reads a stored video defensively', () => {
    expect(parseDraftVideo({ path: 'wxfile://v', size: 10, duration: 3 })).toEqual({ path: 'wxfile://v', size: 10, duration: 3 })
    expect(parseDraftVideo({ path: 'wxfile://v', size: 10 })).toEqual({ path: 'wxfile://v', size: 10, duration: null })
    expect(parseDraftVideo({ path: '', size: 10 })).toBeNull()
    expect(parseDraftVideo('x')).toBeNull()
  })
})
