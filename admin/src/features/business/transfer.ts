import { ApiRequestError, buildUrl, clientErrorCodes, errorFromResponse, getToken, type QueryValue, type ResponseSchema } from '../../api/client'

/** The file name the server chose (RFC 5987 `filename*` first: it carries the Chinese title). */
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

function authHeaders(): Record<string, string> {
  const token = getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
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

async function exchange(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch {
    throw new ApiRequestError({ status: 0, code: clientErrorCodes.network, message: '无法连接服务器，请检查网络后重试' })
  }
}

/**
 * The XLSX exports need the bearer token, so a plain link cannot fetch them: the file is fetched as a blob and
 * handed to the browser through a temporary object URL. Resolves with the file name used.
 */
export async function downloadFile(path: string, query: Record<string, QueryValue>, fallbackName: string): Promise<string> {
  const response = await exchange(buildUrl(path, query), { headers: authHeaders() })
  if (!response.ok) throw await failureOf(response)
  const blob = await response.blob()
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked on the next turn: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return name
}

/** One file as multipart/form-data (field `file`), the answer checked with its shared schema. */
export async function uploadFile<T>(path: string, file: Blob & { name?: string }, schema: ResponseSchema<T>): Promise<T> {
  const form = new FormData()
  form.append('file', file, file.name ?? 'upload.xlsx')
  const response = await exchange(buildUrl(path), { method: 'POST', headers: { Accept: 'application/json', ...authHeaders() }, body: form })
  if (!response.ok) throw await failureOf(response)
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) {
    throw new ApiRequestError({ status: response.status, code: clientErrorCodes.badResponse, message: '服务返回了无法识别的数据，请稍后重试' })
  }
  return parsed.data
}

/** A protected image (a QR code) as an object URL for an <img>; the caller revokes it when done. */
export async function fetchBlobUrl(path: string): Promise<string> {
  const response = await exchange(buildUrl(path), { headers: authHeaders() })
  if (!response.ok) throw await failureOf(response)
  return URL.createObjectURL(await response.blob())
}
