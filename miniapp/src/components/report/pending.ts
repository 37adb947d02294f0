import { pendingUploads, pendingVideo, type ReportDraft } from '../../lib/report-draft'

/** Where the uploads after an accepted report stand: the n-th of the photos, or the video. */
export type UploadProgress = { index: number; total: number; percent: number; video?: boolean }

/** What is still to upload after the report was accepted: “ 2 张图片和视频” (a number gets its space before it). */
export function pendingText(d: ReportDraft): string {
  const photos = pendingUploads(d).length
  const video = pendingVideo(d) ? '视频' : ''
  return [photos ? ` ${photos} 张图片` : '', video].filter(Boolean).join('和')
}

export function progressText(progress: UploadProgress | null): string | null {
  if (!progress) return null
  return progress.video ? `正在上传视频 ${Math.round(progress.percent)}%` : `正在上传第 ${progress.index}/${progress.total} 张图片 ${Math.round(progress.percent)}%`
}
