import { staffNotificationKindLabels, staffNotificationQuery, type StaffNotification } from '@msjd/shared'
import { Button,  Segmented, Space,  Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useNavigate } from 'react-router-dom'
import { useUrlFilters } from '../../components/useUrlFilters'
import { useAction } from '../../api/useAction'
import { useRequest } from '../../api/useRequest'
import { listPagination } from '../../components/listPagination'
import { formatTime } from '../../components/time'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './api'
import { ListCard } from '../../components/ListCard'

/**
 * 提醒中心: every reminder of mine, newest first, each opening the page where the work is done. The filter and the
 * page live in the address, so 返回 comes back to the same place.
 */
export default function NotificationsPage() {
  const navigate = useNavigate()
  const [query, setQuery] = useUrlFilters(staffNotificationQuery)
  const request = useRequest((signal) => listNotifications(query, signal), [query.unread, query.page, query.pageSize])
  const { data, reload } = request
  const { busy, failure, run } = useAction()

  const open = async (item: StaffNotification) => {
    if (!item.readAt) await markNotificationRead(item.id).catch(() => undefined)
    navigate(item.link)
  }

  const columns: ColumnsType<StaffNotification> = [
    { title: '类型', dataIndex: 'kind', width: 120, render: (kind: StaffNotification['kind']) => <Tag>{staffNotificationKindLabels[kind]}</Tag> },
    {
      title: '提醒',
      key: 'text',
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <Typography.Link strong={!item.readAt} onClick={() => void open(item)} id={`notification-open-${item.id}`}>
            {item.title}
          </Typography.Link>
          <Typography.Text type="secondary">{item.body}</Typography.Text>
        </Space>
      ),
    },
    { title: '时间', dataIndex: 'createdAt', width: 170, render: (at: string) => formatTime(at) },
    {
      title: '状态',
      dataIndex: 'readAt',
      width: 90,
      render: (readAt: string | null) => (readAt ? <Typography.Text type="secondary">已读</Typography.Text> : <Tag color="blue">未读</Tag>),
    },
  ]

  return (
    <ListCard<StaffNotification>
      title="提醒中心"
      extra={
        <Space>
          <Segmented
            id="notifications-filter"
            value={query.unread ? 'unread' : 'all'}
            options={[
              { label: '全部', value: 'all' },
              { label: `未读${data ? `（${data.unread}）` : ''}`, value: 'unread' },
            ]}
            onChange={(v) => setQuery({ unread: v === 'unread', page: 1 })}
          />
          <Button id="notifications-read-all" disabled={!data?.unread} loading={busy} onClick={() => void run(markAllNotificationsRead, reload)}>
            全部标为已读
          </Button>
        </Space>
      }
      hint="提醒来自您的待办：新收件与交办、即将到期（两个工作日内）与已超期、整改提交与退回、推送给本组的预警、待我审批，以及工作日的每日待办摘要。"
      request={request}
      errorTitle="提醒加载失败"
      failure={failure}
      tableId="notifications-table"
      columns={columns}
      emptyText={query.unread ? '没有未读提醒' : '暂无提醒'}
      pagination={listPagination(query, setQuery, data?.total, '条')}
    />
  )
}
