import Taro from '@tarojs/taro'
import { screenPhotos, type PickedFile, type Screened } from '../lib/photos'
import { requirePrivacy } from './privacy'

type TempFile = { path: string; size: number; originalFileObj?: Blob }

/** The first 16 bytes of a file the browser holds, or null when they cannot be read (the server checks). */
async function blobHead(blob: Blob): Promise<Uint8Array | null> {
  const part = blob.slice(0, 16)
  try {
    if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer())
    // older in-app browsers (and jsdom) have no Blob.arrayBuffer()
    return await new Promise((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(reader.result instanceof ArrayBuffer ? new Uint8Array(reader.result) : null)
      reader.onerror = () => resolve(null)
      reader.readAsArrayBuffer(part)
    })
  } catch {
    return null
  }
}

/** The first 16 bytes of a picked file, or null when the platform does not let us read them (the server checks). */
async function head(f: TempFile): Promise<Uint8Array | null> {
  if (f.originalFileObj) return blobHead(f.originalFileObj)
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const data = Taro.getFileSystemManager().readFileSync(f.path, undefined, 0, 16) as ArrayBuffer
      return new Uint8Array(data)
    }
  } catch {
    // unreadable here: not a reason to refuse
  }
  return null
}

export async function pickedFiles(res: { tempFilePaths: string[]; tempFiles?: TempFile[] }): Promise<PickedFile[]> {
  const files = res.tempFiles?.length ? res.tempFiles : res.tempFilePaths.map((path) => ({ path, size: 0 }))
  return Promise.all(files.map(async (f) => ({ path: f.path, size: f.size ?? 0, head: await head(f) })))
}

/**
 * H5: a plain file input. Taro's H5 chooseImage decodes every file as an <img> and drops, without a word, any file
 * the browser cannot decode (a text file named .jpg, an iPhone HEIC), so the checks never saw it and the citizen
 * never learnt why nothing was added; here every chosen file reaches screenPhotos with its own bytes, as a blob: URL
 * the upload reads.
 */
function chooseInH5(room: number): Promise<PickedFile[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.multiple = room > 1
    input.style.cssText = 'position:fixed;top:-4000px;left:-4000px'
    input.onchange = async () => {
      const files = Array.from(input.files ?? [])
      input.remove()
      if (!files.length) return reject(new Error('cancel'))
      resolve(await Promise.all(files.map(async (file) => ({ path: URL.createObjectURL(file), size: file.size, head: await blobHead(file) }))))
    }
    input.addEventListener('cancel', () => {
      input.remove()
      reject(new Error('cancel'))
    })
    document.body.appendChild(input)
    input.click()
  })
}

/**
 * The photo picker of 我要反映 and of an answer to a question: up to `room` photos, compressed, from the album or the
 * camera, checked at once against the server's limits. Rejects when the citizen cancels, or (PrivacyRefusedError)
 * does not agree to the privacy guide in the weapp.
 */
export async function choosePhotos(room: number): Promise<Screened> {
  await requirePrivacy()
  if (process.env.TARO_ENV === 'h5') {
    const picked = await chooseInH5(room)
    const screened = screenPhotos(picked, room)
    // a refused file's blob: URL would hold its bytes in memory until the page closes
    for (const f of picked) if (!screened.accepted.includes(f.path)) URL.revokeObjectURL(f.path)
    return screened
  }
  const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  return screenPhotos(await pickedFiles(res), room)
}
