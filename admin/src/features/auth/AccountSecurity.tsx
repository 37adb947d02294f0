// The user's own account: change the password, enrol or switch off the second factor. Used in the user menu and,
// full-page, as the step a user must take before anything else (first login, reset, expiry, required TOTP).
import { staffChangePasswordBody, staffTotpConfirmBody, totpRequiredRoles, type StaffUser } from '@msjd/shared/auth'
import { Alert, Button, Card, Form, Input, Modal, Space, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { applyServerIssues, zodRule } from '../../api/form'
import { changePassword, totpConfirm, totpDisable, totpSetup } from './api'
import { useAuth, useCurrentUser } from './AuthProvider'

export const passwordRulesText = '至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，不含用户名，不与最近 5 次密码相同'

interface PasswordFields {
  currentPassword: string
  newPassword: string
  confirmPassword: string
}

export function ChangePasswordForm({ onDone }: { onDone: (user: StaffUser) => void }) {
  const [form] = Form.useForm<PasswordFields>()
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState<string>()

  const submit = async ({ currentPassword, newPassword }: PasswordFields) => {
    setBanner(undefined)
    setBusy(true)
    try {
      onDone(await changePassword({ currentPassword, newPassword }))
    } catch (failure) {
      const error = toApiRequestError(failure)
      const { applied, unmatched } = applyServerIssues(form, error, ['currentPassword', 'newPassword'])
      if (!applied || unmatched.length) setBanner(unmatched.length ? unmatched.map((i) => i.message).join('；') : errorText(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form<PasswordFields> form={form} name="password" layout="vertical" requiredMark={false} disabled={busy} onFinish={submit}>
      {banner ? <Alert data-testid="password-error" type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      <Form.Item label="当前密码" name="currentPassword" rules={[zodRule(staffChangePasswordBody.shape.currentPassword)]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label="新密码" name="newPassword" extra={passwordRulesText} rules={[zodRule(staffChangePasswordBody.shape.newPassword)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致')
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button id="password-submit" type="primary" htmlType="submit" loading={busy} block>
        修改密码
      </Button>
    </Form>
  )
}

/** Enrolment: QR code and key, then a code from the app to prove it works, then the recovery codes shown once. */
export function TotpEnrolment({ onDone }: { onDone: (user: StaffUser) => void }) {
  const [setup, setSetup] = useState<{ secret: string; qrDataUrl: string } | null>(null)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ codes: string[]; user: StaffUser } | null>(null)
  const [form] = Form.useForm<{ code: string }>()

  useEffect(() => {
    totpSetup().then(setSetup, (failure) => setError(errorText(toApiRequestError(failure))))
  }, [])

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true)
    setError(undefined)
    try {
      const result = await totpConfirm({ code })
      setDone({ codes: result.recoveryCodes, user: result.user })
    } catch (failure) {
      const apiError = toApiRequestError(failure)
      const { applied } = applyServerIssues(form, apiError, ['code'])
      if (!applied) setError(errorText(apiError))
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <div>
        <Alert
          type="warning"
          showIcon
          message="请立即保存以下恢复码"
          description="手机丢失或无法使用验证器时，每个恢复码可代替动态验证码登录一次。恢复码只显示这一次。"
          style={{ marginBottom: 16 }}
        />
        <pre data-testid="recovery-codes" style={{ background: '#fafafa', padding: 12, fontSize: 15, lineHeight: 1.8 }}>
          {done.codes.join('\n')}
        </pre>
        <Button id="recovery-done" type="primary" block onClick={() => onDone(done.user)}>
          我已妥善保存
        </Button>
      </div>
    )
  }
  return (
    <div>
      {error ? <Alert data-testid="totp-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      {!setup ? (
        error ? null : <Spin />
      ) : (
        <>
          <Typography.Paragraph>
            1. 在手机上安装验证器 App（如 Microsoft Authenticator、Google 身份验证器或其他支持 TOTP 的应用），扫描下方二维码：
          </Typography.Paragraph>
          <div style={{ textAlign: 'center' }}>
            <img data-testid="totp-qr" src={setup.qrDataUrl} alt="两步验证二维码" width={200} height={200} />
          </div>
          <Typography.Paragraph type="secondary">
            无法扫码时手动输入密钥：<Typography.Text data-testid="totp-secret" copyable code>{setup.secret}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>2. 输入 App 显示的 6 位动态验证码完成绑定：</Typography.Paragraph>
          <Form form={form} name="totp" layout="vertical" requiredMark={false} disabled={busy} onFinish={confirm}>
            <Form.Item name="code" rules={[zodRule(staffTotpConfirmBody.shape.code)]}>
              <Input id="totp-code" placeholder="6 位动态验证码" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button id="totp-confirm" type="primary" htmlType="submit" loading={busy} block>
              完成绑定
            </Button>
          </Form>
        </>
      )}
    </div>
  )
}

/** The step a user must take before the panel opens. */
export function PendingStepPage({ user }: { user: StaffUser }) {
  const { updateUser, logout } = useAuth()
  const password = user.pending === 'password_change'
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card title={password ? '请先修改密码' : '请先绑定两步验证'} data-testid="pending-step" style={{ width: 460, maxWidth: 'calc(100vw - 32px)' }}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            password
              ? '首次登录、密码被重置或密码已到期（90 天），须设置新密码后才能使用系统。'
              : '您的角色须使用两步验证（动态验证码），绑定后才能使用系统。'
          }
        />
        {password ? <ChangePasswordForm onDone={updateUser} /> : <TotpEnrolment onDone={updateUser} />}
        <Button type="link" block style={{ marginTop: 8 }} onClick={logout}>
          退出登录
        </Button>
      </Card>
    </div>
  )
}

export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { updateUser } = useAuth()
  return (
    <Modal open title="修改密码" footer={null} onCancel={onClose} maskClosable={false}>
      <ChangePasswordForm
        onDone={(user) => {
          updateUser(user)
          Modal.success({ title: '密码已修改', content: '您在其他设备上的登录已退出。' })
          onClose()
        }}
      />
    </Modal>
  )
}

export function TotpModal({ onClose }: { onClose: () => void }) {
  const user = useCurrentUser()
  const { updateUser } = useAuth()
  const [form] = Form.useForm<{ password: string }>()
  const [error, setError] = useState<string>()
  const required = totpRequiredRoles.includes(user.role)

  const disable = async ({ password }: { password: string }) => {
    try {
      updateUser(await totpDisable({ password }))
      onClose()
    } catch (failure) {
      const apiError = toApiRequestError(failure)
      const { applied } = applyServerIssues(form, apiError, ['password'])
      if (!applied) setError(errorText(apiError))
    }
  }

  return (
    <Modal open title="两步验证" footer={null} onCancel={onClose} maskClosable={false}>
      {!user.totpEnabled ? (
        <TotpEnrolment
          onDone={(next) => {
            updateUser(next)
            onClose()
          }}
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert data-testid="totp-status" type="success" showIcon message="已启用两步验证：登录时需输入验证器 App 的动态验证码。" />
          {required ? (
            <Typography.Text type="secondary">您的角色必须使用两步验证。更换手机时请联系系统管理员重置。</Typography.Text>
          ) : (
            <Form form={form} layout="vertical" onFinish={disable}>
              {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
              <Form.Item label="输入当前密码以关闭两步验证" name="password" rules={[{ required: true, message: '请输入当前密码' }]}>
                <Input.Password id="totp-disable-password" />
              </Form.Item>
              <Button id="totp-disable" danger htmlType="submit">
                关闭两步验证
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Modal>
  )
}
