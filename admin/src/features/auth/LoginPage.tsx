import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { staffLoginBody } from '@msjd/shared/auth'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { Navigate, useLocation, type Location } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues, zodRule } from '../../api/form'
import { useAuth } from './AuthProvider'
import { lastUsername } from './last-user'

interface Credentials {
  username: string
  password: string
}

const formFields = ['username', 'password'] as const

/**
 * Where RequireAuth sent the user from, so a bookmarked page opens after logging in — unless someone else used the
 * panel before: their page is not this user's, and every other login lands on 工作台.
 */
function returnPath(location: Location, username: string, previous: string | null): string {
  const from = (location.state as { from?: Location } | null)?.from
  if (!from || from.pathname === '/login') return '/'
  if (previous !== null && previous !== username) return '/'
  return `${from.pathname}${from.search}${from.hash}`
}

export function LoginPage() {
  const { state, login } = useAuth()
  const location = useLocation()
  const [form] = Form.useForm<Credentials>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // read once, before this login overwrites it
  const [previousUser] = useState(lastUsername)

  if (state.status === 'authenticated') return <Navigate to={returnPath(location, state.user.username, previousUser)} replace />

  const submit = async ({ username, password }: Credentials) => {
    setError(null)
    setSubmitting(true)
    try {
      await login(username, password)
    } catch (failure) {
      const apiError = toApiRequestError(failure)
      const { applied, unmatched } = applyServerIssues(form, apiError, formFields)
      if (!applied || unmatched.length > 0) {
        setError(unmatched.length > 0 ? unmatched.map((issue) => issue.message).join('；') : errorText(apiError))
      }
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400, maxWidth: 'calc(100vw - 32px)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            码上监督 · 管理后台
          </Typography.Title>
          <Typography.Text type="secondary">智慧纪检大数据监督平台</Typography.Text>
        </div>
        {error ? (
          <Alert data-testid="login-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />
        ) : state.status === 'anonymous' && state.expired ? (
          <Alert data-testid="login-expired" type="warning" showIcon message="登录已过期，请重新登录" style={{ marginBottom: 16 }} />
        ) : null}
        <Form<Credentials>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          disabled={submitting}
          onFinish={submit}
          onValuesChange={() => setError(null)}
        >
          <Form.Item label="用户名" name="username" rules={[zodRule(staffLoginBody.shape.username)]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[zodRule(staffLoginBody.shape.password)]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button id="login-submit" type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, marginBottom: 0 }}>
          本系统仅限授权工作人员使用
        </Typography.Paragraph>
      </Card>
    </div>
  )
}
