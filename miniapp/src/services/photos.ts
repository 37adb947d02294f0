import Taro from '@tarojs/taro'
import type { PickedFile } from '../lib/photos'

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
