import { apiRequest, ApiRequestError, buildUrl, clientErrorCodes, errorFromResponse, getToken, REQUEST_TIMEOUT_MS, type QueryValue, type ResponseSchema } from './client'

// apiRequest speaks JSON only; files (XLSX exports, PDFs, ZIPs of posters, imports, QR images) go through here, with
// the same bearer token, time limit and Chinese errors.

/** A round's ZIP renders an A4 PDF per unit (about 90 in a round) before the last byte arrives. */
export const DOWNLOAD_TIMEOUT_MS = 5 * 60_000
/** An import is read and checked row by row before the answer comes. */
export const UPLOAD_TIMEOUT_MS = REQUEST_TIMEOUT_MS * 4

/** The name the server gave the file (RFC 5987 `filename*` first: it carries the Chinese title), else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[1])
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : fallback
}

async function failureOf(response: Response): Promise<ApiRequestError> {
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: errorFromResponse falls back to the sentence for the status
  }
  return errorFromResponse(response.status, body)
}

/**
 * One exchange with the token and a time limit; `read` takes the body while the timer still runs, so a file that
 * stops arriving half-way counts as a timeout too. A refusal becomes the server's Chinese error.
 */
async function exchange<T>(path: string, init: RequestInit, timeoutMs: number, read: (response: Response) => Promise<T>, waitWord: string): Promise<T> {
  const token = getToken()
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      signal: controller.signal,
    })
    if (!response.ok) throw await failureOf(response)
    return await read(response)
  } catch (failure) {
    if (failure instanceof ApiRequestError) throw failure
    if (controller.signal.aborted) throw new ApiRequestError({ status: 0, code: clientErrorCodes.timeout, message: `${waitWord}超时，请稍后重试` })
    throw new ApiRequestError({ status: 0, code: clientErrorCodes.network, message: '无法连接服务器，请检查网络后重试' })
  } finally {
    clearTimeout(timer)
  }
}

/** Hands a blob to the browser as a download under `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later: some browsers start reading the blob only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * A file that needs the bearer token (a plain link cannot send it): fetched as a blob and handed to the browser as a
 * download. Resolves with the file name used.
 */
export async function downloadFile(path: string, query: Record<string, QueryValue>, fallbackName: string, timeoutMs = DOWNLOAD_TIMEOUT_MS): Promise<string> {
  const { blob, name } = await exchange(
    buildUrl(path, query),
    {},
    timeoutMs,
    async (response) => ({ blob: await response.blob(), name: fileNameFrom(response.headers.get('Content-Disposition'), fallbackName) }),
    '下载',
  )
  saveBlob(blob, name)
  return name
}

export interface UploadOptions<T> {
  schema: ResponseSchema<T>
  /** Text fields sent before the file, so the server reads them with it (a note on evidence). */
  fields?: Record<string, string>
  timeoutMs?: number
}

/** One file as multipart/form-data (field `file`), the answer checked with its shared schema. */
export async function uploadFile<T>(path: string, file: Blob & { name?: string }, { schema, fields = {}, timeoutMs = UPLOAD_TIMEOUT_MS }: UploadOptions<T>): Promise<T> {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  form.append('file', file, file.name ?? 'upload')
  const { status, body } = await exchange(
    buildUrl(path),
    { method: 'POST', headers: { Accept: 'application/json' }, body: form },
    timeoutMs,
    async (response) => ({ status: response.status, body: (await response.json().catch(() => undefined)) as unknown }),
    '上传',
  )
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new ApiRequestError({ status, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
  }
  return parsed.data
}

export interface UploadHandle<T> {
  result: Promise<T>
  abort: () => void
}

/**
 * One file as multipart field `file` with its progress in whole percent. fetch cannot report upload progress, so this
 * goes through XMLHttpRequest; errors become the same ApiRequestError as uploadFile's. There is no time limit: a
 * large export legitimately takes minutes to send and clean, and the page offers 取消 (abort) instead.
 */
export function uploadWithProgress<T>(path: string, file: File, schema: ResponseSchema<T>, onProgress: (percent: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest()
  const result = new Promise<T>((resolve, reject) => {
    xhr.open('POST', buildUrl(path))
    xhr.setRequestHeader('Accept', 'application/json')
    const token = getToken()
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.floor((event.loaded / event.total) * 100)))
    }
    xhr.onerror = () => reject(new ApiRequestError({ status: 0, code: clientErrorCodes.network, message: '无法连接服务器，请检查网络后重试' }))
    xhr.onabort = () => reject(new ApiRequestError({ status: 0, code: clientErrorCodes.aborted, message: '已取消上传' }))
    xhr.onload = () => {
      let payload: unknown
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        payload = xhr.responseText
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        // A refused token ends the session the usual way: the shared client notices it on its next call.
        if (xhr.status === 401) void apiRequest('/staff/auth/me').catch(() => undefined)
        return reject(errorFromResponse(xhr.status, payload))
      }
      const parsed = schema.safeParse(payload)
      if (!parsed.success) {
        return reject(new ApiRequestError({ status: xhr.status, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' }))
      }
      resolve(parsed.data)
    }
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
  return { result, abort: () => xhr.abort() }
}

/** A protected image (a QR code) as an object URL for an <img>; the caller revokes it when done. */
export async function fetchBlobUrl(path: string): Promise<string> {
  return URL.createObjectURL(await exchange(buildUrl(path), {}, REQUEST_TIMEOUT_MS, (response) => response.blob(), '读取'))
}
