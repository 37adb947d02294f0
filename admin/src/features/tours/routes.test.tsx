import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../test/render'
import { serveTours } from './fixtures.test-util'

// The pages are reached through the menu (admin/src/menu.tsx), not only mounted by their own tests.
describe('巡察管理 menu entries', () => {
  it('opens 巡察轮次 and 巡察公示 from their menu paths', async () => {
    serveTours()
    const { unmount } = renderApp('/tours/rounds', { loggedIn: true })
    expect(await screen.findByTestId('rounds-table', {}, { timeout: 8000 })).toBeTruthy()
    unmount()
    renderApp('/tours/notices', { loggedIn: true })
    expect(await screen.findByTestId('notices-table', {}, { timeout: 8000 })).toBeTruthy()
  })
})
