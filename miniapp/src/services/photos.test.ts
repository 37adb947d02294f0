import { afterEach, describe, expect, it, vi } from 'vitest'

const jpegBytes = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

/** choosePhotos as the H5 build runs it, with `files` chosen in the browser's file dialog. */
async function chooseInH5(room: number, files: File[] | 'cancel') {
  vi.stubEnv('TARO_ENV', 'h5')
  vi.resetModules()
  const { choosePhotos } = await import('./photos')
  const revoked: string[] = []
  let n = 0
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:h5/${++n}`)
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((u) => void revoked.push(u))
  let input: HTMLInputElement | undefined
  vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    input = this
    if (files === 'cancel') this.dispatchEvent(new Event('cancel'))
    else {
      Object.defineProperty(this, 'files', { value: files })
      this.dispatchEvent(new Event('change'))
    }
  })
  const result = await choosePhotos(room)
  return { result, input: input!, revoked }
}

describe('choosePhotos in H5', () => {
  it('screens every chosen file by its bytes: a text file named .jpg is refused out loud, not dropped', async () => {
    const photo = new File([new Uint8Array(jpegBytes)], 'photo.jpg', { type: 'image/jpeg' })
    const fake = new File(['这不是图片，只是改了扩展名'], 'fake.jpg', { type: 'image/jpeg' })
    const { result, input, revoked } = await chooseInH5(9, [fake, photo])
    expect(result).toEqual({ accepted: ['blob:h5/2'], refused: ['第 1 张不是图片（只支持 JPG、PNG、WebP）'] })
    expect(revoked).toEqual(['blob:h5/1'])
    expect([input.accept, input.multiple, input.isConnected]).toEqual(['image/*', true, false])
  })

  it('refuses a 20 MB photo by its size and offers one file at a time when one place is left', async () => {
    const big = new File([new Uint8Array(jpegBytes)], 'big.jpg', { type: 'image/jpeg' })
    Object.defineProperty(big, 'size', { value: 20 * 1024 * 1024 })
    const { result, input } = await chooseInH5(1, [big])
    expect(result).toEqual({ accepted: [], refused: ['这张图片有 20.0 MB，超过 10 MB'] })
    expect(input.multiple).toBe(false)
  })

  it('rejects when the dialog is cancelled, so the page says nothing', async () => {
    await expect(chooseInH5(9, 'cancel')).rejects.toThrow('cancel')
  })
})
