import { BellOutlined } from '@ant-design/icons'
import { staffNotificationKindLabels, type StaffNotification } from '@msjd/shared'
import { Badge, Button, List, Popover, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { useRequest } from '../../api/useRequest'
import { formatTime } from '../../components/time'
import { getNotificationSummary, markNotificationRead } from './api'

/** How often the badge asks for news while the panel is open. */
export const NOTIFICATION_POLL_MS = 60_000

/**
 * The header's bell: the unread count, and the newest reminders one click away. Polled in the background (the poll
 * does not keep the session alive) and again whenever the user moves to another page.
 */
export function NotificationBell() {
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const handle = setInterval(() => setTick((n) => n + 1), NOTIFICATION_POLL_MS)
    return () => clearInterval(handle)
  }, [])
  const { data, reload } = useRequest((signal) => getNotificationSummary(signal), [tick, pathname])
  const unread = data?.unread ?? 0

  const openReminder = async (item: StaffNotification) => {
    setOpen(false)
    if (!item.readAt) await markNotificationRead(item.id).catch(() => undefined)
    reload()
    navigate(item.link)
  }

  const content = (
    <div style={{ width: 380 }} data-testid="notification-popover">
      <List<StaffNotification>
        size="small"
        dataSource={data?.latest ?? []}
        locale={{ emptyText: '暂无提醒' }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            data-testid={`notification-${item.id}`}
            data-read={item.readAt ? 'true' : 'false'}
            style={{ cursor: 'pointer' }}
            onClick={() => void openReminder(item)}
          >
            <List.Item.Meta
              title={
                <Space size={6}>
                  {item.readAt ? null : <Badge status="processing" />}
                  <Tag style={{ marginInlineEnd: 0 }}>{staffNotificationKindLabels[item.kind]}</Tag>
                  <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{item.body}</div>
                  <Typography.Text type="secondary">{formatTime(item.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <div style={{ textAlign: 'right', paddingTop: 4 }}>
        <Button
          id="notifications-all"
          type="link"
          onClick={() => {
            setOpen(false)
            navigate('/notifications')
          }}
        >
          查看全部提醒
        </Button>
      </div>
    </div>
  )

  return (
    <Popover title="提醒" content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button id="notification-bell" type="text" aria-label={unread ? `提醒，${unread} 条未读` : '提醒'}>
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-badge">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  )
}
