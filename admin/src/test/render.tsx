import type { StaffUser } from '@msjd/shared/auth'
import { render } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { AppRoutes } from '../App'
import { AppProviders } from '../AppProviders'
import { setToken } from '../api/client'

export const demoUser: StaffUser = {
  id: 'u1',
  username: 'admin',
  displayName: '张建国',
  role: 'admin',
  unitId: null,
  unitName: null,
  tourGroupId: null,
  pending: null,
  totpEnabled: true,
}

/** Renders the whole panel at `path`; `loggedIn` stores a token, so the panel first asks GET /me who it is. */
export function renderApp(path: string, { loggedIn = false }: { loggedIn?: boolean } = {}) {
  if (loggedIn) setToken('test-token')
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders>
        <AppRoutes />
      </AppProviders>
    </MemoryRouter>,
  )
}
