import type { StaffUser } from '@msjd/shared/auth'
import { render } from '@testing-library/react'
import type { ComponentType } from 'react'
import { MemoryRouter, Route, Routes } from 'react-router-dom'
import { AppProviders } from '../../AppProviders'
import { setToken } from '../../api/client'
import { RequireAuth } from '../auth/RequireAuth'

/**
 * Renders one feature page behind the real providers and login check, mounted at `base/*` as the menu mounts it,
 * without the rest of the panel: these tests then do not depend on every other feature's page being importable.
 */
export function renderFeature(base: string, Page: ComponentType, path: string) {
  setToken('test-token')
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders>
        <RequireAuth>
          <Routes>
            <Route path={`${base}/*`} element={<Page />} />
          </Routes>
        </RequireAuth>
      </AppProviders>
    </MemoryRouter>,
  )
}

/** The answer of GET /me; test/render.tsx has one too, but importing it pulls in the whole menu. */
export function staffUser(overrides: Partial<StaffUser> = {}): StaffUser {
  return { id: 'u1', username: 'staff', displayName: '张建国', role: 'admin', unitId: null, unitName: null, tourGroupId: null, pending: null, totpEnabled: true, ...overrides }
}
