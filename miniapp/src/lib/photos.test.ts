import { describe, expect, it } from 'vitest'
import { screenPhotos } from './photos'

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1])
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
const text = new TextEncoder().encode('这不是图片，只是改了扩展名')
const heic = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0])

describe('screenPhotos', () => {
  it('accepts images within 10 MB', () => {
    expect(screenPhotos([{ path: 'a.jpg', size: 2_000_000, head: jpeg }, { path: 'b.png', size: 10 * 1024 * 1024, head: png }])).toEqual({ accepted: ['a.jpg', 'b.png'], refused: [] })
  })
  it('refuses a 20 MB photo when it is picked, saying the limit', () => {
    const r = screenPhotos([{ path: 'big.jpg', size: 20 * 1024 * 1024, head: jpeg }])
    expect(r.accepted).toEqual([])
    expect(r.refused).toEqual(['这张图片有 20.0 MB，超过 10 MB'])
  })
  it('refuses a text file named .jpg and a HEIC photo, by their bytes, and keeps the good ones', () => {
    const r = screenPhotos([
      { path: 'fake.jpg', size: 100, head: text },
      { path: 'ok.jpg', size: 100, head: jpeg },
      { path: 'iphone.jpg', size: 100, head: heic },
    ])
    expect(r.accepted).toEqual(['ok.jpg'])
    expect(r.refused[0]).toBe('第 1 张不是图片（只支持 JPG、PNG、WebP）')
    expect(r.refused[1]).toContain('第 3 张是 HEIC')
  })
  it('calls a single non-image the chosen file, not a picture', () => {
    expect(screenPhotos([{ path: 'fake.jpg', size: 100, head: text }]).refused).toEqual(['所选文件不是图片（只支持 JPG、PNG、WebP）'])
  })
  it('accepts no more than the room left and counts the rest in one sentence', () => {
    const r = screenPhotos([{ path: 'a.jpg', size: 100, head: jpeg }, { path: 'fake.jpg', size: 100, head: text }, { path: 'b.jpg', size: 100, head: jpeg }, { path: 'c.jpg', size: 100, head: jpeg }], 1)
    expect(r.accepted).toEqual(['a.jpg'])
    expect(r.refused).toEqual(['第 2 张不是图片（只支持 JPG、PNG、WebP）', '超出张数上限的 2 张'])
  })
  it('leaves a file whose bytes could not be read to the server', () => {
    expect(screenPhotos([{ path: 'wxfile://x', size: 100, head: null }]).accepted).toEqual(['wxfile://x'])
  })
})
