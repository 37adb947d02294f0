import type { HandlingPhrase } from '@msjd/shared/phrases'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { jsonResponse } from '../../test/http'
import { present } from '../../test/dom'
import { renderApp } from '../../test/render'
import { detail, reportA, requestsTo, serveReports } from '../reports/fixtures.test-util'
import { phraseValues } from './PhrasePicker'

const transitions = `/api/staff/reports/${reportA}/transitions`
const phrase = (kind: HandlingPhrase['kind'], title: string, body: string): HandlingPhrase => ({
  id: `${kind}-${title}`,
  kind,
  title,
  body,
  sort: 10,
  enabled: true,
  updatedAt: '2026-12-01T02:00:00.000Z',
  updatedByName: '纪检干部 周明',
})
const phrases = [
  phrase('reject_reason', '不属于受理范围', '您反映的问题不属于纪检监察机关受理范围，建议向{单位}反映。'),
  phrase('reject_reason', '反映内容不具体', '您反映的问题缺少具体事实，无法核查。'),
  phrase('reply', '问题属实已整改', '您反映的问题（编号 {编号}）经{承办单位}核查属实，已于{日期}整改。'),
]

/** The reports fake server, with the 常用语 answered by kind and their requests recorded. */
function serveWithPhrases(fake: Parameters<typeof serveReports>[0]) {
  const fetchMock = serveReports(fake)
  const inner = globalThis.fetch
  const kinds: (string | null)[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost')
      if (url.pathname !== '/api/staff/handling-phrases') return inner(input, init)
      kinds.push(url.searchParams.get('kind'))
      return jsonResponse(200, { items: phrases.filter((p) => p.kind === url.searchParams.get('kind')) })
    }),
  )
  return { fetchMock, kinds }
}

const choose = async (id: string, label: string) => {
  fireEvent.mouseDown((await present(`#${id}`)).closest('.ant-select')!.querySelector('.ant-select-selector')!)
  fireEvent.click(await screen.findByTitle(label))
}

describe('选用常用语 in the handling forms', () => {
  it('fills the 不予受理 reason from a preset with the report’s unit, and sends what staff edited', async () => {
    const { fetchMock, kinds } = serveWithPhrases({
      detail: () => detail(),
      post: (pathname) => (pathname === transitions ? { status: 200, body: detail({ status: 'not_accepted', statusLabel: '不予受理', allowedActions: [] }) } : undefined),
    })
    renderApp(`/reports/${reportA}`, { loggedIn: true })
    fireEvent.click(await present('#action-reject'))
    await choose('phrase-reason', '不属于受理范围')
    const reason = document.querySelector('#action_reason') as HTMLTextAreaElement
    expect(reason.value).toBe('您反映的问题不属于纪检监察机关受理范围，建议向城关镇人民政府反映。')
    expect(kinds).toEqual(['reject_reason'])
    // still editable: what is sent is what staff made of it
    fireEvent.change(reason, { target: { value: `${reason.value}谢谢。` } })
    fireEvent.click(document.querySelector('#action-submit')!)
    await waitFor(() =>
      expect(requestsTo(fetchMock, transitions, 'POST').map((r) => r.body)).toEqual([
        { action: 'reject', reason: '您反映的问题不属于纪检监察机关受理范围，建议向城关镇人民政府反映。谢谢。' },
      ]),
    )
  })

  it('leaves a placeholder the report cannot fill for staff to write, and offers nothing when no preset is kept', async () => {
    const { kinds } = serveWithPhrases({ detail: () => detail({ status: 'in_progress', statusLabel: '办理中', allowedActions: ['reply', 'close'] }) })
    renderApp(`/reports/${reportA}`, { loggedIn: true })
    fireEvent.click(await present('#action-reply'))
    await choose('phrase-reply', '问题属实已整改')
    const reply = (document.querySelector('#action_reply') as HTMLTextAreaElement).value
    // no assignee on this report: {承办单位} stays; the serial and today's date are filled
    expect(reply).toMatch(/^您反映的问题（编号 JB20261124000001）经\{承办单位\}核查属实，已于\d{4}年\d{1,2}月\d{1,2}日整改。$/)
    fireEvent.click(screen.getByRole('button', { name: /取\s*消/ }))
    fireEvent.click(document.querySelector('#action-close')!)
    await screen.findByLabelText('办结说明')
    // the close_note kind has no preset here: no picker
    await waitFor(() => expect(kinds).toContain('close_note'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(document.getElementById('phrase-note')).toBeNull()
  })

  it('phraseValues takes the report’s names and today in Chinese', () => {
    expect(phraseValues({ serial: 'JB1', categoryName: '乱收费', reportedUnitName: null, assigneeName: '第一巡察组' }, '2026-12-06')).toEqual({
      编号: 'JB1',
      类别: '乱收费',
      单位: null,
      承办单位: '第一巡察组',
      日期: '2026年12月6日',
    })
  })
})
