/*
 * 巡察公示 (/tours/notices): compose, preview, publish and withdraw the notices of a round or of one inspected unit.
 *
 * Stable ids for browser flows (<id> is the notice's id):
 *   filters         #notice-round-filter, #notice-status-filter (also ?tourRoundId=&status=&page= in the address)
 *   list            #notice-create, [data-testid=notices-table], [data-testid=notice-status-<id>] (data-status=draft|published|withdrawn)
 *   row actions     #notice-preview-<id>, #notice-edit-<id> (draft/withdrawn), #notice-publish-<id> (draft/withdrawn,
 *                   confirm #notice-publish-confirm), #notice-withdraw-<id> (published, opens the reason form),
 *                   #notice-delete-<id> (draft, confirm #notice-delete-confirm)
 *   compose form    form `notice`: #notice_tourRoundId, #notice_inspectedUnitId, #notice_title, #notice_startsOn,
 *                   #notice_endsOn, #notice_contactPhone, #notice_contactMailbox, #notice_contactAddress,
 *                   #notice_scope, #notice_howToReport, #notice_body; #notice-form-preview, save #notice-save
 *   withdraw form   form `withdraw`: #withdraw_reason; confirm #notice-withdraw-confirm
 *   preview         [data-testid=notice-preview] (preview-title, preview-subject, preview-period, preview-group,
 *                   preview-phone, preview-mailbox, preview-address, preview-scope, preview-how, preview-body); close #notice-preview-close
 */
import { PlusOutlined } from '@ant-design/icons'
import { tourNoticeListQuery, tourNoticeStatuses, tourNoticeStatusLabels, type TourNotice } from '@msjd/shared/tours'
import { App, Button, Card, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd'
import { useEffect, useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { deleteNotice, listNotices, listRounds, publishNotice } from './api'
import { FilterBar } from '../../components/FilterBar'
import { useUrlFilters } from '../../components/useUrlFilters'
import { NoticeFormModal } from './NoticeFormModal'
import { WithdrawModal } from './WithdrawModal'
import { NoticePreviewModal } from './NoticePreview'
import { NoticeStatusTag, period } from './shared'
import { listPagination } from '../../components/listPagination'
import { tableScroll } from '../../components/tableScroll'
import { LoadError } from '../../components/LoadError'

const statusOptions = tourNoticeStatuses.map((s) => ({ value: s, label: tourNoticeStatusLabels[s] }))

export default function NoticesPage() {
  const { message } = App.useApp()
  const [query, setQuery] = useUrlFilters(tourNoticeListQuery)
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listNotices(query, signal), [key])
  const rounds = useRequest((signal) => listRounds(signal), [])
  const [editing, setEditing] = useState<TourNotice | 'new'>()
  const [withdrawing, setWithdrawing] = useState<TourNotice>()
  const [previewing, setPreviewing] = useState<TourNotice>()
  const [acting, setActing] = useState<string>()

  // A page past the end (notices deleted since the link was made): go to the last page that has rows.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && query.page > 1) setQuery({ page: Math.ceil(data.total / query.pageSize) })
  }, [data, query.page, query.pageSize])

  const act = async (id: string, run: () => Promise<unknown>, done: string) => {
    setActing(id)
    try {
      await run()
      message.success(done)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setActing(undefined)
    }
  }

  const columns: TableColumnsType<TourNotice> = [
    { title: '公示标题', dataIndex: 'title', ellipsis: true },
    { title: '巡察轮次', key: 'round', width: 200, ellipsis: true, render: (_, n) => n.round.name },
    { title: '被巡察单位', key: 'unit', width: 170, render: (_, n) => n.unit?.name ?? <Typography.Text type="secondary">全轮次</Typography.Text> },
    { title: '巡察组', key: 'group', width: 120, render: (_, n) => n.group?.name ?? '—' },
    { title: '公示期', key: 'period', width: 210, render: (_, n) => period(n.startsOn, n.endsOn) },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: TourNotice['status'], n) => <NoticeStatusTag status={s} testId={`notice-status-${n.id}`} /> },
    {
      title: '操作',
      key: 'actions',
      width: 260,
      render: (_, n) => (
        <Space size={0} wrap>
          <Button id={`notice-preview-${n.id}`} size="small" type="link" onClick={() => setPreviewing(n)}>
            预览
          </Button>
          {n.status !== 'published' ? (
            <Button id={`notice-edit-${n.id}`} size="small" type="link" onClick={() => setEditing(n)}>
              编辑
            </Button>
          ) : null}
          {n.status !== 'published' ? (
            <Popconfirm
              title="发布后群众即可在小程序和扫码页面看到此公示，确定发布？"
              okText="发布"
              cancelText="取消"
              okButtonProps={{ id: 'notice-publish-confirm' }}
              onConfirm={() => act(n.id, () => publishNotice(n.id), `已发布：${n.title}`)}
            >
              <Button id={`notice-publish-${n.id}`} size="small" type="link" loading={acting === n.id}>
                发布
              </Button>
            </Popconfirm>
          ) : (
            <Button id={`notice-withdraw-${n.id}`} size="small" type="link" danger onClick={() => setWithdrawing(n)}>
              撤回
            </Button>
          )}
          {n.status === 'draft' ? (
            <Popconfirm
              title="删除此草稿？"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ id: 'notice-delete-confirm', danger: true }}
              onConfirm={() => act(n.id, () => deleteNotice(n.id), '草稿已删除')}
            >
              <Button id={`notice-delete-${n.id}`} size="small" type="link" danger>
                删除
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ]

  return (
    <Card title="巡察公示">
      <FilterBar
        extra={
            <Button id="notice-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={!rounds.data}>
              新建公示
            </Button>
        }
      >
        <Select
          id="notice-round-filter"
          placeholder="全部轮次"
          allowClear
          options={(rounds.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={query.tourRoundId}
          style={{ width: 260 }}
          onChange={(value?: string) => setQuery({ tourRoundId: value, page: 1 })}
        />
        <Select
          id="notice-status-filter"
          placeholder="全部状态"
          allowClear
          options={statusOptions}
          value={query.status}
          style={{ width: 140 }}
          onChange={(value?: TourNotice['status']) => setQuery({ status: value, page: 1 })}
        />
      </FilterBar>
      <LoadError
        error={error ?? rounds.error}
        onRetry={() => {
          reload()
          rounds.reload()
        }}
        testId="notices-error"
        style={{ marginBottom: 16 }}
      />
      <Table<TourNotice>
        data-testid="notices-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        scroll={tableScroll(columns)}
        pagination={listPagination(query, setQuery, data?.total, '条')}
      />
      {editing ? (
        <NoticeFormModal
          notice={editing === 'new' ? undefined : editing}
          rounds={rounds.data ?? []}
          onClose={() => setEditing(undefined)}
          onDone={(n) => {
            message.success(editing === 'new' ? `已保存草稿：${n.title}` : `已保存：${n.title}`)
            setEditing(undefined)
            reload()
          }}
        />
      ) : null}
      {withdrawing ? (
        <WithdrawModal
          notice={withdrawing}
          onClose={() => setWithdrawing(undefined)}
          onDone={(n) => {
            message.success(`已撤回：${n.title}`)
            setWithdrawing(undefined)
            reload()
          }}
        />
      ) : null}
      {previewing ? <NoticePreviewModal notice={previewing} onClose={() => setPreviewing(undefined)} /> : null}
    </Card>
  )
}
