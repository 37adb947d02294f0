import { render, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { fakeServer } from '../../test/fake-server'
import { forgetRetentionYears } from '../../services/retention'
import Privacy from './privacy'
import Notice from './notice'

const years = (n: number) => ({ statusCode: 200, data: { reportSealedMaterialYears: n } })

describe('the privacy guide and 举报须知 state the retention years staff set', () => {
  beforeEach(() => forgetRetentionYears())

  it('reads them without a login and names them in both texts', async () => {
    const calls = fakeServer({ 'GET /api/public/retention': [years(8)] })
    const guide = render(<Privacy />)
    await waitFor(() => expect(guide.container.textContent).toContain('目前为办结后 8 年'))
    expect(guide.container.textContent).not.toContain('默认办结后')
    expect(guide.container.textContent).toContain('麦克风')
    guide.unmount()
    const notice = render(<Notice />)
    await waitFor(() => expect(notice.container.textContent).toContain('目前为办结后 8 年'))
    // read once per launch, with no token and no login exchange before it
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET http://api.test/api/public/retention'])
    expect(calls[0].header.Authorization).toBeUndefined()
  })

  it('states the default as the default when the server cannot say, and asks again next time', async () => {
    const calls = fakeServer({ 'GET /api/public/retention': [new TypeError('Failed to fetch'), years(3)] })
    const first = render(<Privacy />)
    await waitFor(() => expect(calls).toHaveLength(1))
    await waitFor(() => expect(first.container.textContent).toContain('默认办结后 5 年'))
    first.unmount()
    const again = render(<Privacy />)
    await waitFor(() => expect(again.container.textContent).toContain('目前为办结后 3 年'))
    expect(calls).toHaveLength(2)
  })
})
