import Taro from '@tarojs/taro'
import { reportVideoUploadResponse, type ReportVideoUploadResponse } from '@msjd/shared/reports'
import { screenVideo, type PickedVideo, type ScreenedVideo } from '../lib/video'
import { requirePrivacy } from './privacy'
import type { ReportCredentials } from './reports'
import { uploadFile } from './request'

/** A 50 MB video on a slow mobile connection needs longer than a photo's two minutes. */
const VIDEO_UPLOAD_TIMEOUT_MS = 600_000
/** How long H5 waits for the browser to read a video's duration (an unplayable codec never says). */
const H5_METADATA_WAIT_MS = 5_000

async function weappHead(path: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(Taro.getFileSystemManager().readFileSync(path, undefined, 0, 16) as ArrayBuffer)
  } catch {
    return null
  }
}

/** Weapp: WeChat's own picker, recording stopped at 60 s by the camera (an album video may be longer: checked). */
async function chooseInWeapp(): Promise<PickedVideo> {
  const res = await Taro.chooseMedia({ mediaType: ['video'], count: 1, maxDuration: 60, sourceType: ['album', 'camera'], camera: 'back' })
  const f = res.tempFiles[0]
  if (!f) throw new Error('chooseMedia: no file')
  return { path: f.tempFilePath, size: f.size, duration: typeof f.duration === 'number' && f.duration > 0 ? f.duration : null, head: await weappHead(f.tempFilePath) }
}

/** The duration the browser reads from the file's header, or null when it cannot (then the server decides). */
function durationInBrowser(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement('video')
    const done = (d: number | null) => {
      clearTimeout(timer)
      video.removeAttribute('src')
      resolve(d)
    }
    const timer = setTimeout(() => done(null), H5_METADATA_WAIT_MS)
    video.preload = 'metadata'
    video.onloadedmetadata = () => done(Number.isFinite(video.duration) ? video.duration : null)
    video.onerror = () => done(null)
    video.src = url
  })
}

/**
 * H5: a plain file input. Taro's H5 chooseMedia reads the whole video into a data URL, ignores maxDuration and drops
 * a video the browser cannot play without a word, so the page asks the browser directly and keeps a blob: URL, which
 * the upload reads like a photo's.
 */
function chooseInH5(): Promise<PickedVideo> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'video/*'
    input.style.cssText = 'position:fixed;top:-4000px;left:-4000px'
    const cleanup = () => input.remove()
    input.onchange = async () => {
      const file = input.files?.[0]
      cleanup()
      if (!file) return reject(new Error('cancel'))
      const path = URL.createObjectURL(file)
      const [duration, head] = await Promise.all([durationInBrowser(path), file.slice(0, 16).arrayBuffer().then((b) => new Uint8Array(b)).catch(() => null)])
      resolve({ path, size: file.size, duration, head })
    }
    input.addEventListener('cancel', () => {
      cleanup()
      reject(new Error('cancel'))
    })
    document.body.appendChild(input)
    input.click()
  })
}

/**
 * The video picker of 我要反映: one video, checked at once against the server's limits. Rejects when the citizen
 * cancels, or (PrivacyRefusedError) does not agree to the privacy guide in the weapp.
 */
export async function chooseVideo(): Promise<ScreenedVideo> {
  await requirePrivacy()
  const picked = process.env.TARO_ENV === 'h5' ? await chooseInH5() : await chooseInWeapp()
  return screenVideo(picked)
}

/**
 * The video to `POST /api/public/reports/:id/video` (multipart, field `file`), or a 保密 report's to
 * …/lookup/video by code + secret, with progress. No toast: the form says what failed.
 */
export function uploadVideo(reportId: string, filePath: string, { onProgress, creds }: { onProgress?: (percent: number) => void; creds?: ReportCredentials } = {}): Promise<ReportVideoUploadResponse> {
  return uploadFile({
    path: creds ? '/api/public/reports/lookup/video' : `/api/public/reports/${encodeURIComponent(reportId)}/video`,
    filePath,
    onProgress,
    timeout: VIDEO_UPLOAD_TIMEOUT_MS,
    schema: reportVideoUploadResponse,
    ...(creds ? { anonymous: true, header: { 'x-report-code': creds.code, 'x-report-secret': creds.secret } } : {}),
  })
}
