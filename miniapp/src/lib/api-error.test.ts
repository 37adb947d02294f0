import { describe, expect, it } from 'vitest'
import {
  ApiRequestError,
  clientErrorCodes,
  errorFromResponse,
  errorFromTransportFailure,
  isApiRequestError,
  messageForStatus,
  toApiRequestError,
  toastText,
} from './api-error'

describe('errorFromResponse', () => {
  it('keeps the server code, Chinese message, request id and field issues', () => {
    const error = errorFromResponse(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误',
      requestId: 'req-1',
      issues: [{ path: 'phone', code: 'invalid_format', message: '手机号格式不正确' }],
    })
    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '提交的内容有误', requestId: 'req-1' })
    expect(error.issues).toEqual([{ path: 'phone', code: 'invalid_format', message: '手机号格式不正确' }])
  })

  it('falls back to a message by status when the body is not the API error shape', () => {
    const error = errorFromResponse(502, '<html>Bad Gateway</html>')
    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', message: '服务暂时不可用，请稍后重试', issues: [] })
    expect(errorFromResponse(404, null).message).toBe('请求的内容不存在')
  })

  it('passes login switched-off codes through unchanged', () => {
    const error = errorFromResponse(403, { code: 'DEVICE_LOGIN_DISABLED', message: '设备登录已关闭' })
    expect(error.code).toBe('DEVICE_LOGIN_DISABLED')
    expect(error.message).toBe('设备登录已关闭')
  })
})

describe('errorFromTransportFailure', () => {
  it('recognises weapp and H5 timeouts', () => {
    expect(errorFromTransportFailure({ errMsg: 'request:fail timeout' }).code).toBe(clientErrorCodes.timeout)
    expect(errorFromTransportFailure(Object.assign(new Error('aborted'), { name: 'AbortError' })).code).toBe(clientErrorCodes.timeout)
  })

  it('treats everything else as a network failure, with status 0', () => {
    const error = errorFromTransportFailure(new TypeError('Failed to fetch'))
    expect(error).toMatchObject({ status: 0, code: clientErrorCodes.network, message: '网络连接失败，请检查网络后重试' })
    expect(errorFromTransportFailure(undefined).code).toBe(clientErrorCodes.network)
  })
})

describe('messages', () => {
  it('has a Chinese sentence for every status class', () => {
    for (const status of [400, 401, 403, 404, 408, 409, 413, 418, 429, 500, 503]) {
      expect(messageForStatus(status)).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('adds the request id to server faults only', () => {
    const fault = new ApiRequestError({ status: 500, code: 'INTERNAL', message: '服务器内部错误', requestId: 'abcdef1234567890' })
    expect(toastText(fault)).toBe('服务器内部错误（编号 abcdef123456）')
    const invalid = new ApiRequestError({ status: 400, code: 'VALIDATION_FAILED', message: '提交的内容有误', requestId: 'x' })
    expect(toastText(invalid)).toBe('提交的内容有误')
  })

  it('wraps unknown throwables so callers handle a single type', () => {
    const wrapped = toApiRequestError(new Error('undefined is not a function'))
    expect(isApiRequestError(wrapped)).toBe(true)
    expect(wrapped.message).toBe('操作失败，请稍后重试')
    const original = new ApiRequestError({ status: 403, code: 'FORBIDDEN', message: '没有权限' })
    expect(toApiRequestError(original)).toBe(original)
  })
})
