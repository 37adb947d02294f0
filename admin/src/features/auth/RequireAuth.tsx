import { Button, Result, Spin } from 'antd'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { errorText } from '../../api/client'
import { PendingStepPage } from './AccountSecurity'
import { useAuth } from './AuthProvider'

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retry } = useAuth()
  const location = useLocation()

  if (state.status === 'checking') {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" tip="正在验证登录状态…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    )
  }
  if (state.status === 'unreachable') {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle={errorText(state.error)}
        extra={
          <Button id="auth-retry" type="primary" onClick={retry}>
            重试
          </Button>
        }
      />
    )
  }
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />
  // Until the password is changed or the second factor enrolled, the server answers nothing else either.
  if (state.user.pending) return <PendingStepPage user={state.user} />
  return children
}
