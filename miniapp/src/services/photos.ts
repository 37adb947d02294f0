import Taro from '@tarojs/taro'
import { screenPhotos, type PickedFile, type Screened } from '../lib/photos'
import { requirePrivacy } from './privacy'

type TempFile = { path: string; size: number; originalFileObj?: Blob }

/** The first 16 bytes of a picked file, or null when the platform does not let us read them (the server checks). */
async function head(f: TempFile): Promise<Uint8Array | null> {
  try {
    if (f.originalFileObj) return new Uint8Array(await f.originalFileObj.slice(0, 16).arrayBuffer())
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
 * The photo picker of 我要反映 and of an answer to a question: up to `room` photos, compressed, from the album or the
 * camera, checked at once against the server's limits. Rejects when the citizen cancels, or (PrivacyRefusedError)
 * does not agree to the privacy guide in the weapp.
 */
export async function choosePhotos(room: number): Promise<Screened> {
  await requirePrivacy()
  const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  return screenPhotos(await pickedFiles(res))
}
