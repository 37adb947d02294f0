import { REPORT_VIDEO_MAX_BYTES, REPORT_VIDEO_MAX_MB, REPORT_VIDEO_MAX_SECONDS, REPORT_VIDEO_TOLERANCE_SECONDS, sniffVideo } from '@msjd/shared/media'

/** Shown beside the picker before anything is chosen: the same limits the server enforces. */
export const VIDEO_LIMIT_TEXT = `最多 1 段，不超过 ${REPORT_VIDEO_MAX_SECONDS} 秒、${REPORT_VIDEO_MAX_MB} MB，支持 MP4、MOV`

/** One picked video: its path, size, duration in seconds (null: the platform did not say) and first bytes when read. */
export interface PickedVideo {
  path: string
  size: number
  duration: number | null
  head: Uint8Array | null
}

/** What the draft keeps of the video (no bytes). */
export interface DraftVideo {
  path: string
  size: number
  duration: number | null
}

export type ScreenedVideo = { accepted: DraftVideo; refused?: undefined } | { accepted: null; refused: string }

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

/**
 * Checks a video when it is picked, with the server's own limits, so a long, large or foreign file is refused at once
 * with the reason — not after submission, where retrying could never succeed. Unknown duration or unread bytes are
 * left to the server.
 */
export function screenVideo(v: PickedVideo): ScreenedVideo {
  if (v.size > REPORT_VIDEO_MAX_BYTES) {
    return { accepted: null, refused: `这段视频有 ${mb(v.size)} MB，超过 ${REPORT_VIDEO_MAX_MB} MB，请缩短后重新拍摄` }
  }
  if (v.duration !== null && v.duration > REPORT_VIDEO_MAX_SECONDS + REPORT_VIDEO_TOLERANCE_SECONDS) {
    return { accepted: null, refused: `这段视频长 ${Math.round(v.duration)} 秒，超过 ${REPORT_VIDEO_MAX_SECONDS} 秒，请剪短后再选，或重新拍摄` }
  }
  if (v.head && sniffVideo(v.head) === null) {
    return { accepted: null, refused: '这个文件不是 MP4、MOV 格式的视频' }
  }
  return { accepted: { path: v.path, size: v.size, duration: v.duration } }
}

/** “0:35 · 12.3 MB”, under the chosen video. */
export function videoSummary(v: DraftVideo): string {
  const size = `${mb(v.size)} MB`
  if (v.duration === null) return size
  const s = Math.round(v.duration)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} · ${size}`
}

export function parseDraftVideo(raw: unknown): DraftVideo | null {
  if (!raw || typeof raw !== 'object') return null
  const v = raw as Record<string, unknown>
  if (typeof v.path !== 'string' || !v.path || typeof v.size !== 'number') return null
  return { path: v.path, size: v.size, duration: typeof v.duration === 'number' ? v.duration : null }
}
