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
import {
  tourNoticeBody,
  tourNoticeListQuery,
  tourNoticeStatuses,
  tourNoticeStatusLabels,
  tourNoticeUpdateBody,
  tourNoticeWithdrawBody,
  type InspectedUnit,
  type TourGroup,
  type TourNotice,
  type TourRound,
} from '@msjd/shared/tours'
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography, type FormInstance, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import {
  createNotice,
  deleteNotice,
  listGroups,
  listInspectedUnits,
  listNotices,
  listRounds,
  publishNotice,
  updateNotice,
  withdrawNotice,
  type TourNoticeListQuery,
} from './api'
import { day, EntityFormModal, given, type FormValues } from './EntityFormModal'
import { NoticePreview, type NoticePreviewData } from './NoticePreview'
import { NoticeStatusTag, period } from './shared'
import { listPagination } from '../../components/listPagination'
import { tableScroll } from '../../components/tableScroll'
import { LoadError } from '../../components/LoadError'

const defaults = tourNoticeListQuery.parse({})
const statusOptions = tourNoticeStatuses.map((s) => ({ value: s, label: tourNoticeStatusLabels[s] }))
/** Value of the 被巡察单位 select for a notice about the whole round (the API's inspectedUnitId null). */
const WHOLE_ROUND = 'whole-round'

// The wording the posters fall back to (server/src/modules/posters/routes.ts), offered as a starting point.
const DEFAULT_SCOPE =
  '主要受理反映被巡察单位领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律等方面的举报和反映。'
const DEFAULT_HOW = '微信扫描二维码，进入“码上监督”小程序反映问题；也可通过公示的电话、信箱反映。可实名，也可选择保密方式。'

/** Filters live in the address, read back with the shared query schema; anything it rejects falls back to defaults. */
function useNoticeQuery(): [TourNoticeListQuery, (next: Partial<TourNoticeListQuery>) => void] {
  const [params, setParams] = useSearchParams()
  const parsed = tourNoticeListQuery.safeParse(Object.fromEntries(params))
  const query = parsed.success ? parsed.data : defaults
  const update = (next: Partial<TourNoticeListQuery>) => {
    const merged = { ...query, ...next }
    const search = new URLSearchParams()
    if (merged.tourRoundId) search.set('tourRoundId', merged.tourRoundId)
    if (merged.status) search.set('status', merged.status)
    if (merged.page !== defaults.page) search.set('page', String(merged.page))
    if (merged.pageSize !== defaults.pageSize) search.set('pageSize', String(merged.pageSize))
    setParams(search)
  }
  return [query, update]
}

function previewOf(values: FormValues, round: TourRound | undefined, unit: InspectedUnit | undefined): NoticePreviewData {
  return {
    title: String(values.title ?? ''),
    round: { name: round?.name ?? '（未选择轮次）' },
    unit: unit ? { name: unit.unit.name } : null,
    group: unit ? { name: unit.tourGroup.name } : null,
    startsOn: day(values.startsOn),
    endsOn: day(values.endsOn),
    contactPhone: given(values.contactPhone) ?? null,
    contactMailbox: given(values.contactMailbox) ?? null,
    contactAddress: given(values.contactAddress) ?? null,
    scope: String(values.scope ?? ''),
    howToReport: String(values.howToReport ?? ''),
    body: given(values.body) ?? null,
  }
}

function PreviewModal({ notice, onClose }: { notice: NoticePreviewData; onClose: () => void }) {
  return (
    <Modal
      open
      title="预览（群众视角）"
      width={460}
      onCancel={onClose}
      footer={
        <Button id="notice-preview-close" onClick={onClose}>
          关闭
        </Button>
      }
    >
      <NoticePreview notice={notice} />
    </Modal>
  )
}

const formFields = ['tourRoundId', 'inspectedUnitId', 'title', 'startsOn', 'endsOn', 'contactPhone', 'contactMailbox', 'contactAddress', 'scope', 'howToReport', 'body']

function NoticeFields({ rounds, units, groups, unitsLoading, editing, wholeRoundAllowed }: {
  rounds: TourRound[]
  units: InspectedUnit[]
  groups: TourGroup[] | undefined
  unitsLoading: boolean
  editing: boolean
  wholeRoundAllowed: boolean
}) {
  const form = Form.useFormInstance<FormValues>()
  const unitId = Form.useWatch('inspectedUnitId', form)
  // A unit picked before its group's contacts arrived (or in the instant the round's units were reloading) still gets
  // them: filled once both are here, unless someone has typed contacts already.
  useEffect(() => {
    const unit = units.find((u) => u.id === unitId)
    const group = groups?.find((g) => g.id === unit?.tourGroup.id)
    if (!group || editing) return
    const typed = form.getFieldsValue(['contactPhone', 'contactMailbox', 'contactAddress']) as FormValues
    if (given(typed.contactPhone) || given(typed.contactMailbox) || given(typed.contactAddress)) return
    form.setFieldsValue({ contactPhone: group.phone ?? undefined, contactMailbox: group.mailbox ?? undefined, contactAddress: group.address ?? undefined })
  }, [unitId, units, groups, editing, form])
  const unitOptions = [
    ...(wholeRoundAllowed ? [{ value: WHOLE_ROUND, label: '全轮次（不针对单个单位）' }] : []),
    ...units.map((u) => ({ value: u.id, label: `${u.unit.name}（${u.tourGroup.name}）` })),
  ]
  return (
    <>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="tourRoundId" label="巡察轮次" required rules={[zodRule(tourNoticeBody.shape.tourRoundId)]}>
          <Select
            placeholder="选择巡察轮次"
            disabled={editing}
            style={{ width: 300 }}
            options={rounds.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="inspectedUnitId" label="被巡察单位" rules={[{ required: true, message: '请选择被巡察单位或全轮次' }]}>
          <Select
            placeholder="选择被巡察单位"
            // picking a unit fills in its group's contacts: not before the units and the groups are both here
            disabled={editing || unitsLoading}
            showSearch
            optionFilterProp="label"
            loading={unitsLoading}
            style={{ width: 300 }}
            options={unitOptions}
          />
        </Form.Item>
      </Space>
      <Form.Item name="title" label="公示标题" required rules={[zodRule(tourNoticeBody.shape.title)]}>
        <Input maxLength={120} showCount />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="startsOn" label="巡察开始" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endsOn" label="巡察结束" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="contactPhone" label="值班电话">
          <Input maxLength={30} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="contactMailbox" label="邮政信箱 / 电子邮箱">
          <Input maxLength={100} style={{ width: 260 }} />
        </Form.Item>
      </Space>
      <Form.Item name="contactAddress" label="意见箱 / 来访地址" extra="选择被巡察单位后带出负责巡察组的联系方式，可修改。">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="scope" label="受理范围（可反映的问题）" required rules={[zodRule(tourNoticeBody.shape.scope)]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="howToReport" label="反映方式" required rules={[zodRule(tourNoticeBody.shape.howToReport)]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="body" label="公告全文（可选）">
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
    </>
  )
}

function NoticeFormModal({ notice, rounds, onClose, onDone }: { notice?: TourNotice; rounds: TourRound[]; onClose: () => void; onDone: (n: TourNotice) => void }) {
  const user = useCurrentUser()
  const [roundId, setRoundId] = useState<string | undefined>(notice?.tourRoundId)
  const [previewing, setPreviewing] = useState<NoticePreviewData>()
  const unitsRequest = useRequest((signal) => (roundId ? listInspectedUnits(roundId, signal) : Promise.resolve([])), [roundId])
  const groups = useRequest((signal) => listGroups(signal), [])
  // A tour-group member composes only for the units its own group inspects (the server refuses the rest).
  const units = useMemo(
    () => (unitsRequest.data ?? []).filter((u) => user.role !== 'tour_group' || u.tourGroup.id === user.tourGroupId),
    [unitsRequest.data, user.role, user.tourGroupId],
  )
  const wholeRoundAllowed = user.role !== 'tour_group'
  const roundOf = (id: unknown) => rounds.find((r) => r.id === id)
  const unitOf = (id: unknown) => units.find((u) => u.id === id)

  const prefill = (changed: FormValues, form: FormInstance<FormValues>) => {
    if ('tourRoundId' in changed) {
      const round = roundOf(changed.tourRoundId)
      setRoundId(round?.id)
      form.setFieldsValue({ inspectedUnitId: undefined })
      if (round) form.setFieldsValue({ startsOn: dayjs(round.startsOn), endsOn: dayjs(round.endsOn) })
    }
    if ('inspectedUnitId' in changed) {
      const unit = unitOf(changed.inspectedUnitId)
      const group: TourGroup | undefined = groups.data?.find((g) => g.id === unit?.tourGroup.id)
      if (group) form.setFieldsValue({ contactPhone: group.phone ?? undefined, contactMailbox: group.mailbox ?? undefined, contactAddress: group.address ?? undefined })
      const round = roundOf(form.getFieldValue('tourRoundId'))
      if (round && !given(form.getFieldValue('title'))) {
        form.setFieldsValue({ title: unit ? `${round.name}进驻${unit.unit.name}公告` : `${round.name}公告` })
      }
    }
  }

  const extra = (form: FormInstance<FormValues>) => (
    <Button
      id="notice-form-preview"
      style={{ float: 'left' }}
      onClick={() => {
        const values = form.getFieldsValue(true) as FormValues
        setPreviewing(previewOf(values, roundOf(values.tourRoundId), unitOf(values.inspectedUnitId)))
      }}
    >
      预览
    </Button>
  )
  const common = {
    name: 'notice',
    okId: 'notice-save',
    width: 760,
    fields: formFields,
    onClose,
    onDone,
    extra,
    onValuesChange: prefill,
  }
  const fields = (
    <NoticeFields rounds={rounds} units={units} groups={groups.data} unitsLoading={(unitsRequest.loading && !!roundId) || groups.loading} editing={!!notice} wholeRoundAllowed={wholeRoundAllowed} />
  )
  const preview = previewing ? <PreviewModal notice={previewing} onClose={() => setPreviewing(undefined)} /> : null

  if (notice) {
    return (
      <>
        <EntityFormModal
          {...common}
          title="编辑巡察公示"
          schema={tourNoticeUpdateBody}
          toBody={(v) => ({
            title: v.title ?? '',
            startsOn: day(v.startsOn),
            endsOn: day(v.endsOn),
            // an emptied field is cleared (null), not left as it was
            contactPhone: given(v.contactPhone) ?? null,
            contactMailbox: given(v.contactMailbox) ?? null,
            contactAddress: given(v.contactAddress) ?? null,
            scope: v.scope ?? '',
            howToReport: v.howToReport ?? '',
            body: given(v.body) ?? null,
          })}
          submit={(body) => updateNotice(notice.id, body)}
          initialValues={{
            tourRoundId: notice.tourRoundId,
            inspectedUnitId: notice.inspectedUnitId ?? WHOLE_ROUND,
            title: notice.title,
            startsOn: dayjs(notice.startsOn),
            endsOn: dayjs(notice.endsOn),
            contactPhone: notice.contactPhone,
            contactMailbox: notice.contactMailbox,
            contactAddress: notice.contactAddress,
            scope: notice.scope,
            howToReport: notice.howToReport,
            body: notice.body,
          }}
        >
          {notice.status === 'withdrawn' ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`此公示已撤回（原因：${notice.withdrawReason ?? '未填写'}），修改后可重新发布。`} />
          ) : null}
          {fields}
        </EntityFormModal>
        {preview}
      </>
    )
  }
  return (
    <>
      <EntityFormModal
        {...common}
        title="新建巡察公示"
        schema={tourNoticeBody}
        toBody={(v) => ({
          tourRoundId: v.tourRoundId ?? '',
          inspectedUnitId: v.inspectedUnitId === WHOLE_ROUND ? null : v.inspectedUnitId,
          title: v.title ?? '',
          startsOn: day(v.startsOn) || undefined,
          endsOn: day(v.endsOn) || undefined,
          contactPhone: given(v.contactPhone),
          contactMailbox: given(v.contactMailbox),
          contactAddress: given(v.contactAddress),
          scope: v.scope ?? '',
          howToReport: v.howToReport ?? '',
          body: given(v.body),
        })}
        submit={createNotice}
        initialValues={{ scope: DEFAULT_SCOPE, howToReport: DEFAULT_HOW }}
      >
        {fields}
      </EntityFormModal>
      {preview}
    </>
  )
}

function WithdrawModal({ notice, onClose, onDone }: { notice: TourNotice; onClose: () => void; onDone: (n: TourNotice) => void }) {
  return (
    <EntityFormModal
      title="撤回巡察公示"
      name="withdraw"
      okId="notice-withdraw-confirm"
      okText="撤回"
      fields={['reason']}
      schema={tourNoticeWithdrawBody}
      toBody={(v) => ({ reason: v.reason ?? '' })}
      submit={(body) => withdrawNotice(notice.id, body.reason)}
      onDone={onDone}
      onClose={onClose}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`撤回后“${notice.title}”将立即从小程序和扫码页面消失。`} />
      <Form.Item name="reason" label="撤回原因" required rules={[zodRule(tourNoticeWithdrawBody.shape.reason)]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </EntityFormModal>
  )
}

export default function NoticesPage() {
  const { message } = App.useApp()
  const [query, setQuery] = useNoticeQuery()
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
      <Space wrap style={{ marginBottom: 16 }}>
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
        <Button id="notice-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={!rounds.data}>
          新建公示
        </Button>
      </Space>
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
      {previewing ? <PreviewModal notice={previewing} onClose={() => setPreviewing(undefined)} /> : null}
    </Card>
  )
}
