import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons'
import { staffRoleLabels } from '@msjd/shared/auth'
import { App as AntApp, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Spin, Tag, Typography, theme, type MenuProps } from 'antd'
import { Suspense, useEffect, useMemo, useState } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { ChangePasswordModal, TotpModal } from '../features/auth/AccountSecurity'
import { logoutOthers } from '../features/auth/api'
import { NotificationBell } from '../features/notifications/NotificationBell'
import { useAuth, useCurrentUser } from '../features/auth/AuthProvider'
import { IdleWarning } from '../features/auth/IdleWarning'
import { errorText, toApiRequestError } from '../api/client'
import { findMenuPage, homePathFor, isSection, menuForRole, navTestId, type MenuEntry } from '../menu'
import { HomePathProvider } from './home'

const appTitle = '码上监督 · 管理后台'

function toMenuItems(entries: MenuEntry[]): NonNullable<MenuProps['items']> {
  return entries.map((entry) =>
    isSection(entry)
      ? {
          key: entry.key,
          icon: entry.icon,
          label: <span data-testid={`nav-section-${entry.key}`}>{entry.label}</span>,
          children: entry.children.map((page) => ({
            key: page.path,
            label: (
              <Link to={page.path} data-testid={navTestId(page.path)}>
                {page.label}
              </Link>
            ),
          })),
        }
      : {
          key: entry.path,
          icon: entry.icon,
          label: (
            <Link to={entry.path} data-testid={navTestId(entry.path)}>
              {entry.label}
            </Link>
          ),
        },
  )
}

export function AppLayout() {
  const user = useCurrentUser()
  const { logout } = useAuth()
  const location = useLocation()
  const navigate = useNavigate()
  const { token } = theme.useToken()
  const [collapsed, setCollapsed] = useState(false)
  const [dialog, setDialog] = useState<'password' | 'totp' | null>(null)
  const { modal, message } = AntApp.useApp()

  const items = useMemo(() => toMenuItems(menuForRole(user.role)), [user.role])
  const placement = findMenuPage(location.pathname)

  const pageLabel = placement?.page.label
  useEffect(() => {
    document.title = pageLabel ? `${pageLabel} - ${appTitle}` : appTitle
  }, [pageLabel])

  const signOut = () => {
    // Straight to the login page: otherwise the login would send the next user back to this page.
    navigate('/login', { replace: true })
    logout()
  }

  const endOthers = () =>
    modal.confirm({
      title: '退出其他设备',
      content: '将结束您在其他电脑或浏览器上的登录，本页面不受影响。',
      okText: '退出其他设备',
      cancelText: '取消',
      okButtonProps: { id: 'logout-others-confirm' },
      onOk: async () => {
        try {
          const { ended } = await logoutOthers()
          message.success(ended > 0 ? `已退出其他 ${ended} 处登录` : '没有其他设备上的登录')
        } catch (failure) {
          message.error(errorText(toApiRequestError(failure)))
        }
      },
    })

  const userMenu: MenuProps = {
    items: [
      { key: 'password', label: <span id="menu-password">修改密码</span> },
      { key: 'totp', label: <span id="menu-totp">两步验证</span> },
      { key: 'logout-others', label: <span id="menu-logout-others">退出其他设备</span> },
      { type: 'divider' },
      { key: 'logout', label: <span id="menu-logout">退出</span>, icon: <LogoutOutlined /> },
    ],
    onClick: ({ key }) => {
      if (key === 'password' || key === 'totp') setDialog(key)
      else if (key === 'logout-others') endOthers()
      else if (key === 'logout') signOut()
    },
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <IdleWarning />
      {dialog === 'password' ? <ChangePasswordModal onClose={() => setDialog(null)} /> : null}
      {dialog === 'totp' ? <TotpModal onClose={() => setDialog(null)} /> : null}
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={220}
        // Keeps the menu in view while a long table scrolls. The scrolling happens inside the children box, which
        // ends above the collapse trigger (the Sider pads its bottom by the trigger's height): scrolling the Sider
        // itself let the fixed trigger cover 系统管理 when every group was open.
        style={{ position: 'sticky', top: 0, height: '100vh' }}
      >
        <div data-testid="sider-scroll" style={{ height: '100%', overflowY: 'auto', overflowX: 'hidden' }}>
          <div
            style={{
              height: 64,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: '#fff',
              fontSize: collapsed ? 14 : 18,
              fontWeight: 600,
              whiteSpace: 'nowrap',
            }}
          >
            {collapsed ? '码上' : '码上监督'}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={placement ? [placement.page.path] : []}
            defaultOpenKeys={placement?.section ? [placement.section.key] : []}
          />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Breadcrumb
            items={[placement?.section?.label, placement?.page.label].filter(Boolean).map((title) => ({ title }))}
          />
          <Space size="middle">
            {user.role === 'auditor' ? null : <NotificationBell />}
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button id="user-menu" type="text">
                <span data-testid="current-user">
                  <UserOutlined style={{ marginRight: 6 }} />
                  {user.displayName}
                </span>
                <DownOutlined />
              </Button>
            </Dropdown>
            <Tag data-testid="current-role" color="blue" style={{ marginInlineEnd: 0 }}>
              {staffRoleLabels[user.role]}
            </Tag>
            {user.unitName ? <Typography.Text type="secondary">{user.unitName}</Typography.Text> : null}
            <Button id="logout" type="text" icon={<LogoutOutlined />} onClick={signOut}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense
            fallback={
              <div style={{ padding: 48, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            <HomePathProvider value={homePathFor(user.role)}>
              <Outlet />
            </HomePathProvider>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
