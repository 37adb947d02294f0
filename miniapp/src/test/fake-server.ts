import { taroMock } from './taro-mock'

/** One `Taro.request` the code under test made. */
export type FakeCall = { url: string; method: string; data?: unknown; header: Record<string, string> }
/** An answer, or an Error for a request that never got one (offline, timeout). */
export type FakeReply = { statusCode: number; data: unknown } | Error

/**
 * Scripts the server behind `Taro.request`: each `METHOD /path` answers from its queue, the last answer repeats,
 * and a route not listed fails the test. Returns every call made, in order.
 */
export function fakeServer(routes: Record<string, FakeReply[]>): FakeCall[] {
  const calls: FakeCall[] = []
  taroMock.request.mockImplementation(async (options: FakeCall) => {
    calls.push(options)
    const path = options.url.replace('http://api.test', '')
    const queue = routes[`${options.method} ${path}`]
    if (!queue) throw new Error(`unexpected ${options.method} ${path}`)
    const reply = queue.length > 1 ? queue.shift()! : queue[0]
    if (reply instanceof Error) throw reply
    return { ...reply, header: {}, cookies: [], errMsg: 'request:ok' }
  })
  return calls
}
