import { REPORT_IMAGE_MAX_BYTES, REPORT_IMAGE_MAX_MB, sniffImage } from '@msjd/shared/media'

export const PHOTO_LIMIT_TEXT = `单张不超过 ${REPORT_IMAGE_MAX_MB} MB，支持 JPG、PNG、WebP`

/** One picked file: its path, size, and its first bytes when they could be read (null: not read, the server checks). */
export interface PickedFile {
  path: string
  size: number
  head: Uint8Array | null
}

export interface Screened {
  accepted: string[]
  /** one sentence per refused file, for the citizen */
  refused: string[]
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

/**
 * Checks photos when they are picked, with the server's own limits: too large or not an image is refused here and
 * told at once, instead of failing after submission (where 重试上传 could never succeed). At most `room` are
 * accepted; the rest are counted in one sentence.
 */
export function screenPhotos(files: readonly PickedFile[], room = Infinity): Screened {
  const accepted: string[] = []
  const refused: string[] = []
  let over = 0
  files.forEach((f, i) => {
    const n = files.length > 1 ? `第 ${i + 1} 张` : '这张图片'
    if (f.size > REPORT_IMAGE_MAX_BYTES) {
      refused.push(`${n}有 ${mb(f.size)} MB，超过 ${REPORT_IMAGE_MAX_MB} MB`)
      return
    }
    if (f.head) {
      const type = sniffImage(f.head)
      if (type === 'heic') {
        refused.push(`${n}是 HEIC 格式，请在相机设置中选择“兼容性最佳”后重拍，或截图后上传`)
        return
      }
      if (type === null) {
        refused.push(`${files.length > 1 ? n : '所选文件'}不是图片（只支持 JPG、PNG、WebP）`)
        return
      }
    }
    // the weapp's picker stops at `room`; a browser's file input does not
    if (accepted.length >= room) over += 1
    else accepted.push(f.path)
  })
  if (over) refused.push(`超出张数上限的 ${over} 张`)
  return { accepted, refused }
}

/** What the page says under the picker about the photos it refused, or undefined when none was. */
export function refusalText(refused: readonly string[]): string | undefined {
  return refused.length ? `${refused.join('；')}，未添加。` : undefined
}
