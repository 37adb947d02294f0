import { Navigate, Route, Routes } from 'react-router-dom'
import { LoginPage } from './features/auth/LoginPage'
import { RequireAuth } from './features/auth/RequireAuth'
import { useCurrentUser } from './features/auth/AuthProvider'
import { AppLayout } from './layout/AppLayout'
import { ForbiddenPage, NotFoundPage, PlaceholderPage } from './layout/StatusPages'
import { canOpen, homePathFor, menuPages, type MenuPlacement } from './menu'

function MenuRoute({ placement }: { placement: MenuPlacement }) {
  const user = useCurrentUser()
  // Reached by a typed or bookmarked address when the menu did not offer the entry.
  if (!canOpen(placement, user.role)) return <ForbiddenPage title={placement.page.label} />
  const Page = placement.page.page
  return Page ? <Page /> : <PlaceholderPage title={placement.page.label} />
}

function Home() {
  const user = useCurrentUser()
  return <Navigate to={homePathFor(user.role)} replace />
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        {menuPages().map((placement) => (
          // `/*` lets a feature keep its own sub-pages (details, forms) as nested routes inside its page.
          <Route key={placement.page.path} path={`${placement.page.path}/*`} element={<MenuRoute placement={placement} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
