import { ApiRequestError, buildUrl, errorFromResponse, getToken } from '../../api/client'

// A round's ZIP renders an A4 PDF per unit (about 90 in a round) before the last byte arrives.
export const DOWNLOAD_TIMEOUT_MS = 5 * 60_000

/** The name the server gave the file (RFC 5987 `filename*` carries the Chinese one), else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1]
  if (star) {
    try {
      return decodeURIComponent(star)
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = disposition?.match(/filename="([^"]+)"/i)?.[1]
  return plain || fallback
}

/**
 * Fetches a file that needs the bearer token (a plain link cannot send it), then hands it to the browser as a
 * download. Failures arrive as the server's Chinese error, like every other request.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const token = getToken()
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), DOWNLOAD_TIMEOUT_MS)
  let response: Response
  let blob: Blob
  try {
    response = await fetch(buildUrl(path), { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal })
    if (!response.ok) {
      const text = await response.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // not JSON: errorFromResponse falls back to the status sentence
      }
      throw errorFromResponse(response.status, body)
    }
    blob = await response.blob()
  } catch (failure) {
    if (failure instanceof ApiRequestError) throw failure
    if (controller.signal.aborted) throw new ApiRequestError({ status: 0, code: 'TIMEOUT', message: '下载超时，请稍后重试' })
    throw new ApiRequestError({ status: 0, code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试' })
  } finally {
    clearTimeout(timer)
  }
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked on the next tick: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return name
}
