import { fireEvent, render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { taroMock } from '../../test/taro-mock'
import Home from './index'

const byId = (container: HTMLElement, id: string) => {
  const el = container.querySelector(`#${id}`)
  if (!el) throw new Error(`#${id} not rendered`)
  return el as HTMLElement
}

describe('home page', () => {
  it('shows the title, the description and the five entries', () => {
    const { container } = render(<Home />)
    expect(byId(container, 'home-title').textContent).toBe('码上监督')
    expect(byId(container, 'home-subtitle').textContent).toContain('反映')
    const entries = ['report', 'track', 'tour-notices', 'surveys', 'business'].map((k) => byId(container, `entry-${k}`).textContent)
    expect(entries.map((t) => t?.replace('›', '').trim())).toEqual([
      expect.stringContaining('我要反映'),
      expect.stringContaining('进度查询'),
      expect.stringContaining('巡察公示'),
      expect.stringContaining('巡察调研'),
      expect.stringContaining('营商环境评价'),
    ])
    // The product promises a confidential option, and never calls it anonymous.
    expect(container.textContent).toContain('保密')
    expect(container.textContent).not.toContain('匿名')
  })

  it('switches tabs for report and track', () => {
    const { container } = render(<Home />)
    fireEvent.click(byId(container, 'entry-report'))
    fireEvent.click(byId(container, 'entry-track'))
    expect(taroMock.switchTab.mock.calls).toEqual([[{ url: '/pages/report/index' }], [{ url: '/pages/track/index' }]])
    expect(taroMock.navigateTo).not.toHaveBeenCalled()
  })

  it('opens 巡察公示, 巡察调研 and 营商环境评价', () => {
    const { container } = render(<Home />)
    fireEvent.click(byId(container, 'entry-tour-notices'))
    fireEvent.click(byId(container, 'entry-surveys'))
    fireEvent.click(byId(container, 'entry-business'))
    expect(taroMock.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/pages/notices/index',
      '/pages/surveys/index',
      '/pages/business/index',
    ])
  })
})
