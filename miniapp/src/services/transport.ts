import Taro from '@tarojs/taro'
import { errorFromResponse, errorFromTransportFailure } from '../lib/api-error'

/**
 * H5 is served by the API server itself, so it calls the same origin. The mini-program has no origin of its own:
 * its API base is fixed at build time (`TARO_APP_API_BASE`, defaulted in config/index.ts). Both names are replaced by
 * literals at build time, so the unused branch does not ship.
 */
export const API_BASE = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? '')

export const REQUEST_TIMEOUT_MS = 15_000

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface SendOptions {
  method?: HttpMethod
  /** Path under the API origin, starting with `/api/`. */
  path: string
  /** JSON body, or query parameters for GET. */
  data?: unknown
  token?: string
}

/**
 * The raw exchange over Taro.request: no login, no toast. Resolves with the body of a 2xx answer and rejects
 * with an ApiRequestError otherwise. Only the login calls and the request helper use it.
 */
export async function send<T = unknown>({ method = 'GET', path, data, token }: SendOptions): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' }
  if (method !== 'GET') header['Content-Type'] = 'application/json'
  if (token) header.Authorization = `Bearer ${token}`

  let response: Awaited<ReturnType<typeof Taro.request>>
  try {
    response = await Taro.request({
      url: API_BASE + path,
      method,
      data: data as Taro.request.Option['data'],
      header,
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    })
  } catch (failure) {
    throw errorFromTransportFailure(failure)
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T
  throw errorFromResponse(response.statusCode, response.data)
}

export const UPLOAD_TIMEOUT_MS = 120_000

export interface SendFileOptions {
  /** Path under the API origin, starting with `/api/`, with any query already on it. */
  path: string
  /** The device's path of the file (wxfile://…, blob:… in H5). */
  filePath: string
  /** The multipart field the server reads the file from. */
  name: string
  /** Further multipart fields. */
  formData?: Record<string, string>
  header?: Record<string, string>
  token?: string
  onProgress?: (percent: number) => void
  timeout?: number
}

/**
 * The raw multipart upload over Taro.uploadFile: no login, no toast. Resolves with the parsed body of a 2xx answer
 * and rejects with an ApiRequestError otherwise (weapp hands the body back as text).
 */
export async function sendFile<T = unknown>({ path, filePath, name, formData, header = {}, token, onProgress, timeout = UPLOAD_TIMEOUT_MS }: SendFileOptions): Promise<T> {
  let result: Taro.uploadFile.SuccessCallbackResult
  try {
    const task = Taro.uploadFile({
      url: API_BASE + path,
      filePath,
      name,
      ...(formData ? { formData } : {}),
      header: token ? { ...header, Authorization: `Bearer ${token}` } : header,
      timeout,
    })
    if (onProgress && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((res) => onProgress(res.progress))
    result = await task
  } catch (failure) {
    throw errorFromTransportFailure(failure)
  }
  let body: unknown = result.data
  if (typeof body === 'string') {
    try {
      body = body ? JSON.parse(body) : undefined
    } catch {
      body = null
    }
  }
  if (result.statusCode >= 200 && result.statusCode < 300) return body as T
  throw errorFromResponse(result.statusCode, body)
}
