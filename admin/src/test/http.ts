import { vi } from 'vitest'

type Route = (url: URL, init: RequestInit) => { status: number; body?: unknown; headers?: Record<string, string> }

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

/** Replaces fetch with a fake server; `route` answers each call and the mock records what was asked. */
export function mockServer(route: Route) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const { status, body, headers } = route(url, init)
    return jsonResponse(status, body, headers)
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}
