import { staffRoles } from '@msjd/shared/auth'
import { describe, expect, it } from 'vitest'
import { canOpen, findMenuPage, homePath, homePathFor, isSection, menu, menuForRole, menuPages, navTestId } from './menu'

const sectionKeys = (role: Parameters<typeof menuForRole>[0]) => menuForRole(role).filter(isSection).map((s) => s.key)
const pathsFor = (role: Parameters<typeof menuForRole>[0]) => menuPages(menuForRole(role)).map(({ page }) => page.path)

describe('menu', () => {
  it('gives every page a unique absolute path', () => {
    const paths = menuPages().map(({ page }) => page.path)
    expect(new Set(paths).size).toBe(paths.length)
    for (const path of paths) expect(path).toMatch(/^\/[a-z-]+(\/[a-z-]+)*$/)
  })

  it('shows 系统管理 only to administrators and supervisors', () => {
    expect(sectionKeys('admin')).toContain('system')
    expect(sectionKeys('supervisor')).toContain('system')
    for (const role of ['intake', 'tour_group', 'unit_liaison'] as const) {
      expect(sectionKeys(role)).not.toContain('system')
      expect(pathsFor(role)).not.toContain('/system/units')
    }
  })

  it('trims sections to what the role works with and drops emptied sections', () => {
    expect(pathsFor('unit_liaison')).toContain('/tours/rectifications')
    expect(pathsFor('unit_liaison')).not.toContain('/tours/rounds')
    expect(sectionKeys('intake')).not.toContain('tours')
    expect(sectionKeys('intake')).not.toContain('business')
    // 三员分立: the auditor's menu is the audit log alone
    expect(pathsFor('auditor')).toEqual(['/system/audit-logs'])
    for (const role of staffRoles.filter((r) => r !== 'auditor')) {
      expect(pathsFor(role)).toContain('/dashboard')
      for (const entry of menuForRole(role)) if (isSection(entry)) expect(entry.children.length).toBeGreaterThan(0)
    }
  })

  it('agrees with the route guard: what the menu shows can be opened, and nothing else', () => {
    for (const role of staffRoles) {
      const shown = new Set(pathsFor(role))
      for (const placement of menuPages(menu)) expect(canOpen(placement, role)).toBe(shown.has(placement.page.path))
    }
  })

  it('places sub-pages of a feature under its menu entry', () => {
    expect(findMenuPage('/system/units')?.page.label).toBe('单位管理')
    expect(findMenuPage('/system/units/42')?.section?.label).toBe('系统管理')
    expect(findMenuPage('/system/unitsx')).toBeUndefined()
  })

  it('lands every role on a page it may open: case staff on 工作台, the auditor on 审计日志', () => {
    for (const role of staffRoles) {
      const home = findMenuPage(homePathFor(role))
      expect(home && canOpen(home, role), role).toBe(true)
    }
    expect(homePathFor('intake')).toBe(homePath)
    expect(homePathFor('auditor')).toBe('/system/audit-logs')
  })

  it('derives stable test ids from paths', () => {
    expect(navTestId('/system/units')).toBe('nav-system-units')
    expect(navTestId('/dashboard')).toBe('nav-dashboard')
  })
})
