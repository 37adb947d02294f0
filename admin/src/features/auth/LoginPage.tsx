import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { staffLoginBody, staffLoginTotpBody } from '@msjd/shared/auth'
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { Navigate, useLocation, type Location } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues, zodRule } from '../../api/form'
import { fetchCaptcha } from './api'
import { useAuth } from './AuthProvider'
import { lastUsername } from './last-user'

interface LoginFields {
  username: string
  password: string
  captchaAnswer?: string
}

const formFields = ['username', 'password', 'captchaAnswer'] as const
const captchaCodes = new Set(['CAPTCHA_REQUIRED', 'CAPTCHA_INVALID'])

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
  const { state, login, completeTotp } = useAuth()
  const location = useLocation()
  const [form] = Form.useForm<LoginFields>()
  const [totpForm] = Form.useForm<{ code: string }>()
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [captcha, setCaptcha] = useState<{ captchaId: string; svg: string } | null>(null)
  const [challenge, setChallenge] = useState<string | null>(null)

  // A captcha is spent by one answer: after every refused attempt a new one is shown.
  const loadCaptcha = useCallback(async () => {
    form.setFieldValue('captchaAnswer', '')
    try {
      setCaptcha(await fetchCaptcha())
    } catch (failure) {
      setError(errorText(toApiRequestError(failure)))
    }
  }, [form])
  // read once, before this login overwrites it
  const [previousUser] = useState(lastUsername)

  if (state.status === 'authenticated') return <Navigate to={returnPath(location, state.user.username, previousUser)} replace />

  const submit = async ({ username, password, captchaAnswer }: LoginFields) => {
    setError(null)
    setSubmitting(true)
    try {
      const outcome = await login({ username, password, ...(captcha ? { captchaId: captcha.captchaId, captchaAnswer } : {}) })
      if (outcome.kind === 'totp') setChallenge(outcome.challenge)
    } catch (failure) {
      const apiError = toApiRequestError(failure)
      const { applied, unmatched } = applyServerIssues(form, apiError, formFields)
      if (!applied || unmatched.length > 0) {
        setError(unmatched.length > 0 ? unmatched.map((issue) => issue.message).join('；') : errorText(apiError))
      }
      if (apiError.details.captchaRequired === true || captchaCodes.has(apiError.code) || captcha) void loadCaptcha()
    } finally {
      setSubmitting(false)
    }
  }

  const submitCode = async ({ code }: { code: string }) => {
    if (!challenge) return
    setError(null)
    setSubmitting(true)
    try {
      await completeTotp(challenge, code)
    } catch (failure) {
      const apiError = toApiRequestError(failure)
      setError(errorText(apiError))
      totpForm.setFieldValue('code', '')
      // The challenge has run out or the account was locked meanwhile: back to the password.
      if (apiError.code !== 'TOTP_INVALID') setChallenge(null)
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
          <Alert
            data-testid="login-expired"
            type="warning"
            showIcon
            message={state.reason || '登录已过期，请重新登录'}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {challenge ? (
          <Form<{ code: string }> form={totpForm} layout="vertical" size="large" requiredMark={false} disabled={submitting} onFinish={submitCode}>
            <Typography.Paragraph>请打开手机上的验证器 App，输入“码上监督”显示的 6 位动态验证码；手机丢失时可输入一个恢复码。</Typography.Paragraph>
            <Form.Item label="动态验证码" name="code" rules={[zodRule(staffLoginTotpBody.shape.code)]}>
              <Input id="totp-login-code" prefix={<SafetyOutlined />} placeholder="6 位验证码或恢复码" autoComplete="one-time-code" autoFocus maxLength={11} />
            </Form.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button id="totp-login-submit" type="primary" htmlType="submit" block loading={submitting}>
                验证
              </Button>
              <Button id="totp-login-back" type="link" block onClick={() => setChallenge(null)}>
                返回重新输入密码
              </Button>
            </Space>
          </Form>
        ) : (
          <Form<LoginFields>
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
            {captcha ? (
              <Form.Item label="图形验证码" required>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="captchaAnswer" noStyle rules={[{ required: true, message: '请输入图形验证码' }]}>
                    <Input id="captchaAnswer" placeholder="请输入右侧字符" maxLength={10} autoComplete="off" />
                  </Form.Item>
                  <img
                    data-testid="captcha-image"
                    alt="图形验证码，点击刷新"
                    title="看不清？点击刷新"
                    src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`}
                    style={{ height: 40, cursor: 'pointer', border: '1px solid #d9d9d9', borderRadius: 6 }}
                    onClick={() => void loadCaptcha()}
                  />
                </Space.Compact>
              </Form.Item>
            ) : null}
            <Form.Item style={{ marginBottom: 8 }}>
              <Button id="login-submit" type="primary" htmlType="submit" block loading={submitting}>
                登录
              </Button>
            </Form.Item>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, marginBottom: 0 }}>
          本系统仅限授权工作人员使用
        </Typography.Paragraph>
      </Card>
    </div>
  )
}
