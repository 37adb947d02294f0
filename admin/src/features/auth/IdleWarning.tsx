import { Button, Modal, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { onIdleDeadline } from '../../api/client'
import { fetchCurrentUser } from './api'
import { useAuth } from './AuthProvider'

/** How long before the server would end an idle session the panel warns. */
export const IDLE_WARNING_MS = 3 * 60_000

/**
 * Counts down to the end of an idle session, from the deadline the server sends with every answer, and warns a
 * few minutes before it: 继续使用 makes a request (which moves the deadline), otherwise the panel logs out when it
 * runs out, before the next click would meet a 401.
 */
export function IdleWarning() {
  const { expire, logout } = useAuth()
  const [deadline, setDeadline] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => onIdleDeadline((d) => setDeadline(d.getTime())), [])

  useEffect(() => {
    if (deadline === null) return
    const tick = () => setNow(Date.now())
    tick()
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [deadline])

  const left = deadline === null ? Infinity : deadline - now
  useEffect(() => {
    if (left <= 0) expire('长时间未操作，已自动退出，请重新登录')
  }, [left, expire])

  if (left > IDLE_WARNING_MS || left <= 0) return null
  const seconds = Math.ceil(left / 1000)
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      title="即将自动退出"
      footer={[
        <Button key="logout" id="idle-logout" onClick={logout}>
          退出登录
        </Button>,
        <Button key="stay" id="idle-continue" type="primary" onClick={() => void fetchCurrentUser().catch(() => undefined)}>
          继续使用
        </Button>,
      ]}
    >
      <Typography.Paragraph data-testid="idle-countdown">
        您已较长时间未操作，为保护数据安全，系统将在 {Math.floor(seconds / 60)} 分 {String(seconds % 60).padStart(2, '0')} 秒后自动退出。
      </Typography.Paragraph>
    </Modal>
  )
}
