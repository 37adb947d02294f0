import { describe, expect, it } from 'vitest'
import appConfig from '../app.config'
import { findPendingFeature, homeEntries, pendingFeatureUrl, tabRoutes } from './features'

describe('home entries', () => {
  it('lists the five entries in order', () => {
    expect(homeEntries.map((e) => e.title)).toEqual(['我要反映', '进度查询', '巡察公示', '巡察调研', '营商环境评价'])
  })

  it('only targets registered routes, tabs with switchTab', () => {
    const config = appConfig as unknown as { pages: string[]; subPackages: { root: string; pages: string[] }[]; tabBar: { list: { pagePath: string }[] } }
    const pages = new Set([...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))])
    const tabs = new Set(config.tabBar.list.map((t) => t.pagePath))
    for (const route of Object.values(tabRoutes)) expect(tabs.has(route.slice(1))).toBe(true)
    for (const entry of homeEntries) {
      const path = entry.target.url.slice(1).split('?')[0]
      expect(pages.has(path)).toBe(true)
      expect(tabs.has(path)).toBe(entry.target.kind === 'tab')
    }
  })

  it('finds pending features by key and nothing else', () => {
    // built features no longer open the placeholder
    expect(findPendingFeature('business')).toBeNull()
    expect(findPendingFeature('surveys')).toBeNull()
    expect(findPendingFeature('toString')).toBeNull()
    expect(findPendingFeature(undefined)).toBeNull()
    expect(homeEntries.some((e) => e.target.url.startsWith(pendingFeatureUrl('x' as never).split('?')[0]))).toBe(false)
  })
})
