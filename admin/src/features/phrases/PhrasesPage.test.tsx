import type { HandlingPhrase } from '@msjd/shared/phrases'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockServer } from '../../test/http'
import { present } from '../../test/dom'
import { demoUser, renderApp } from '../../test/render'

const kept: HandlingPhrase[] = [
  { id: 'p1', kind: 'reject_reason', title: '不属于受理范围', body: '不属于纪检监察机关受理范围。', sort: 10, enabled: true, updatedAt: '2026-12-01T02:00:00.000Z', updatedByName: '纪检干部 周明' },
  { id: 'p2', kind: 'reply', title: '经核查不属实', body: '经核查未发现违纪违法情形。', sort: 10, enabled: false, updatedAt: '2026-12-01T02:00:00.000Z', updatedByName: null },
]

function serve() {
  const calls: { method: string; pathname: string; query: Record<string, string>; body?: unknown }[] = []
  mockServer(({ pathname, searchParams }, init) => {
    const method = init.method ?? 'GET'
    calls.push({ method, pathname, query: Object.fromEntries(searchParams), body: init.body ? JSON.parse(String(init.body)) : undefined })
    if (pathname === '/api/staff/auth/me') return { status: 200, body: { user: { ...demoUser, role: 'supervisor' } } }
    if (pathname === '/api/staff/handling-phrases' && method === 'GET') return { status: 200, body: { items: kept } }
    if (pathname === '/api/staff/handling-phrases' && method === 'POST') {
      return { status: 409, body: { code: 'DUPLICATE_TITLE', message: '答复模板中已有标题“经核查不属实”，请换一个标题', issues: [{ path: 'title', code: 'custom', message: '答复模板中已有标题“经核查不属实”，请换一个标题' }] } }
    }
    if (pathname === '/api/staff/handling-phrases/p2' && method === 'PUT') return { status: 200, body: { ...kept[1], enabled: true } }
    return { status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }
  })
  return calls
}

describe('办理常用语 page', () => {
  it('lists every phrase, the disabled ones too, and enables one', async () => {
    const calls = serve()
    renderApp('/system/phrases', { loggedIn: true })
    const table = await screen.findByTestId('phrases-table')
    expect(await within(table).findByText('不属于受理范围')).toBeTruthy()
    expect(within(table).getByText('答复模板')).toBeTruthy()
    expect(calls.find((c) => c.pathname === '/api/staff/handling-phrases')?.query).toEqual({ all: 'true' })
    fireEvent.click(await present('[data-testid="phrase-enabled-p2"]'))
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT').map((c) => [c.pathname, c.body])).toEqual([['/api/staff/handling-phrases/p2', { enabled: true }]]))
  })

  it('checks a new phrase with the shared rules (placeholders too), then shows the server’s reason under its field', async () => {
    const calls = serve()
    renderApp('/system/phrases', { loggedIn: true })
    fireEvent.click(await present('#phrase-create'))
    fireEvent.click(await present('#phrase-submit'))
    expect(await screen.findByText('请选择用语类别')).toBeTruthy()
    expect(await screen.findByText('请填写标题（至少 2 个字）')).toBeTruthy()

    fireEvent.mouseDown((await present('#phrase_kind')).closest('.ant-select')!.querySelector('.ant-select-selector')!)
    fireEvent.click(await screen.findByTitle('答复模板'))
    fireEvent.change(document.querySelector('#phrase_title')!, { target: { value: '经核查不属实' } })
    fireEvent.change(document.querySelector('#phrase_body')!, { target: { value: '经{经办人}核查，未发现问题。' } })
    fireEvent.click(document.querySelector('#phrase-submit')!)
    expect(await screen.findByText(/占位符 \{经办人\} 不可用/)).toBeTruthy()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

    fireEvent.change(document.querySelector('#phrase_body')!, { target: { value: '经{承办单位}核查，未发现违纪违法情形。' } })
    fireEvent.click(document.querySelector('#phrase-submit')!)
    expect(await screen.findByText('答复模板中已有标题“经核查不属实”，请换一个标题')).toBeTruthy()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ kind: 'reply', title: '经核查不属实', body: '经{承办单位}核查，未发现违纪违法情形。', sort: 100, enabled: true }])
  })
})
