/*
 * 巡察轮次 (/tours/rounds): rounds, tour groups, the units each round inspects and their QR posters.
 *
 * Stable ids for browser flows:
 *   tabs            #tours-tabs (keys `rounds`, `groups`; also ?tab=groups in the address)
 *   rounds          #round-status-filter, #round-create, [data-testid=rounds-table], per row #round-edit-<id>,
 *                   #round-units-<id> (opens the units drawer), #round-zip-<id>; #mp-posters-zip (all monitoring points)
 *   round form      form `round`: #round_name, #round_code, #round_startsOn, #round_endsOn, #round_status; save #round-save
 *   units drawer    [data-testid=round-units-drawer], #inspected-unit-create, #round-units-zip, [data-testid=inspected-units-table],
 *                   per row #iu-group-<id> (select), #iu-png-<id>, #iu-pdf-<id>, #iu-remove-<id> (confirm #iu-remove-confirm)
 *   unit form       form `inspectedUnit`: #inspectedUnit_unitId, #inspectedUnit_tourGroupId; save #inspected-unit-save
 *   groups          #group-create, [data-testid=groups-table], per row #group-edit-<id>
 *   group form      form `group`: #group_name, #group_leader, #group_phone, #group_mailbox, #group_address,
 *                   #group_memberIds; save #group-save
 */
import { DownloadOutlined, FilePdfOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons'
import {
  inspectedUnitBody,
  tourGroupBody,
  tourRoundBody,
  tourRoundStatuses,
  tourRoundStatusLabels,
  type InspectedUnit,
  type TourGroup,
  type TourRound,
} from '@msjd/shared/tours'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import {
  addInspectedUnit,
  changeInspectingGroup,
  createGroup,
  createRound,
  listGroupCandidates,
  listGroups,
  listInspectedUnits,
  listRounds,
  posterPaths,
  removeInspectedUnit,
  searchUnits,
  updateGroup,
  updateRound,
  type NamedOption,
} from './api'
import { day, EntityFormModal, given } from './EntityFormModal'
import { period, RoundStatusTag, useDownload } from './shared'

const statusOptions = tourRoundStatuses.map((s) => ({ value: s, label: tourRoundStatusLabels[s] }))
const LoadError = ({ testId, text, retry }: { testId: string; text: string; retry: () => void }) => (
  <Alert
    data-testid={testId}
    type="error"
    showIcon
    message={text}
    action={
      <Button size="small" onClick={retry}>
        重试
      </Button>
    }
    style={{ marginBottom: 16 }}
  />
)

// ---------------------------------------------------------------- rounds

function RoundFormModal({ round, onClose, onDone }: { round?: TourRound; onClose: () => void; onDone: () => void }) {
  return (
    <EntityFormModal
      title={round ? '编辑巡察轮次' : '新建巡察轮次'}
      name="round"
      okId="round-save"
      fields={['name', 'code', 'startsOn', 'endsOn', 'status']}
      codeFields={{ ROUND_CODE_TAKEN: 'code' }}
      schema={tourRoundBody}
      toBody={(v) => ({ name: v.name ?? '', code: v.code ?? '', startsOn: day(v.startsOn), endsOn: day(v.endsOn), status: v.status })}
      submit={(body) => (round ? updateRound(round.id, body) : createRound(body))}
      onDone={onDone}
      onClose={onClose}
      initialValues={
        round
          ? { name: round.name, code: round.code, startsOn: dayjs(round.startsOn), endsOn: dayjs(round.endsOn), status: round.status }
          : { status: 'planned' }
      }
    >
      <Form.Item name="name" label="轮次名称" required rules={[zodRule(tourRoundBody.shape.name)]}>
        <Input maxLength={100} placeholder="如：十五届县委第八轮巡察" />
      </Form.Item>
      <Form.Item name="code" label="轮次编号" required rules={[zodRule(tourRoundBody.shape.code)]} extra="用于文件名和二维码海报，如 2026-8">
        <Input maxLength={32} />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="status" label="状态" required>
        <Select options={statusOptions} style={{ width: 160 }} />
      </Form.Item>
    </EntityFormModal>
  )
}

/** Search the unit directory by name or code; the value is the unit's id. */
function UnitPicker({ id, value, onChange }: { id?: string; value?: string; onChange?: (id?: string) => void }) {
  const [keyword, setKeyword] = useState('')
  const [options, setOptions] = useState<NamedOption[]>([])
  const [loading, setLoading] = useState(false)

  useEffect(() => {
    const q = keyword.trim()
    if (!q) return setOptions([])
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setLoading(true)
      searchUnits(q, controller.signal).then(
        (found) => {
          setOptions(found)
          setLoading(false)
        },
        () => setLoading(false),
      )
    }, 300)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [keyword])

  return (
    <Select
      id={id}
      showSearch
      allowClear
      placeholder="输入单位名称或编码查找"
      filterOption={false}
      onSearch={setKeyword}
      notFoundContent={loading ? <Spin size="small" /> : keyword ? '未找到' : null}
      options={options}
      value={value}
      onChange={onChange}
    />
  )
}

function InspectedUnitFormModal({ round, groups, onClose, onDone }: { round: TourRound; groups: NamedOption[]; onClose: () => void; onDone: (iu: InspectedUnit) => void }) {
  return (
    <EntityFormModal
      title={`添加被巡察单位 · ${round.name}`}
      name="inspectedUnit"
      okId="inspected-unit-save"
      okText="添加"
      fields={['unitId', 'tourGroupId']}
      codeFields={{ UNIT_ALREADY_INSPECTED: 'unitId' }}
      schema={inspectedUnitBody}
      toBody={(v) => ({ unitId: v.unitId ?? '', tourGroupId: v.tourGroupId ?? '' })}
      submit={(body) => addInspectedUnit(round.id, body)}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="unitId" label="被巡察单位" required rules={[zodRule(inspectedUnitBody.shape.unitId)]}>
        <UnitPicker />
      </Form.Item>
      <Form.Item name="tourGroupId" label="负责的巡察组" required rules={[zodRule(inspectedUnitBody.shape.tourGroupId)]}>
        <Select placeholder="选择巡察组" options={groups} />
      </Form.Item>
    </EntityFormModal>
  )
}

function RoundUnitsDrawer({ round, canEdit, onClose, onChanged }: { round: TourRound; canEdit: boolean; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp()
  const user = useCurrentUser()
  // A tour-group member gets the posters of its own group's units only (the server answers 403 for the rest).
  const mayDownload = (row: InspectedUnit) => user.role !== 'tour_group' || row.tourGroup.id === user.tourGroupId
  const { data, error, loading, reload } = useRequest((signal) => listInspectedUnits(round.id, signal), [round.id])
  const groups = useRequest((signal) => listGroups(signal), [])
  const groupOptions = useMemo(() => (groups.data ?? []).map((g) => ({ value: g.id, label: g.name })), [groups.data])
  const [adding, setAdding] = useState(false)
  const [changing, setChanging] = useState<string>()
  const { busy, download } = useDownload()

  const changed = () => {
    reload()
    onChanged()
  }
  const changeGroup = async (row: InspectedUnit, tourGroupId: string) => {
    setChanging(row.id)
    try {
      await changeInspectingGroup(row.id, tourGroupId)
      message.success(`${row.unit.name} 已改由 ${groupOptions.find((g) => g.value === tourGroupId)?.label ?? '所选巡察组'} 负责`)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setChanging(undefined)
    }
  }
  const remove = async (row: InspectedUnit) => {
    try {
      await removeInspectedUnit(row.id)
      message.success(`已移除 ${row.unit.name}`)
      changed()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }
  const fileBase = (row: InspectedUnit) => `${round.code}_${row.unit.name}`

  const columns: TableColumnsType<InspectedUnit> = [
    { title: '单位编码', key: 'code', width: 120, render: (_, row) => row.unit.code },
    { title: '被巡察单位', key: 'unit', render: (_, row) => row.unit.name },
    {
      title: '负责的巡察组',
      key: 'group',
      width: 200,
      render: (_, row) =>
        canEdit ? (
          <Select
            id={`iu-group-${row.id}`}
            aria-label={`${row.unit.name}的巡察组`}
            value={row.tourGroup.id}
            options={groupOptions.length ? groupOptions : [{ value: row.tourGroup.id, label: row.tourGroup.name }]}
            loading={changing === row.id}
            disabled={changing === row.id}
            style={{ width: 180 }}
            onChange={(value: string) => value !== row.tourGroup.id && void changeGroup(row, value)}
          />
        ) : (
          row.tourGroup.name
        ),
    },
    {
      title: '二维码',
      key: 'posters',
      width: 220,
      render: (_, row) => (
        <Space size={4}>
          <Button
            id={`iu-png-${row.id}`}
            size="small"
            icon={<PictureOutlined />}
            loading={busy === `png-${row.id}`}
            disabled={!mayDownload(row)}
            onClick={() => download(`png-${row.id}`, posterPaths.unitPng(row.id), `${fileBase(row)}.png`)}
          >
            PNG
          </Button>
          <Button
            id={`iu-pdf-${row.id}`}
            size="small"
            icon={<FilePdfOutlined />}
            loading={busy === `pdf-${row.id}`}
            disabled={!mayDownload(row)}
            onClick={() => download(`pdf-${row.id}`, posterPaths.unitPdf(row.id), `${fileBase(row)}.pdf`)}
          >
            A4 海报
          </Button>
        </Space>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, row: InspectedUnit) => (
              <Popconfirm
                title={`从本轮移除 ${row.unit.name}？`}
                description="已发布公示的单位须先撤回公示。"
                okText="移除"
                cancelText="取消"
                okButtonProps={{ id: 'iu-remove-confirm', danger: true }}
                onConfirm={() => remove(row)}
              >
                <Button id={`iu-remove-${row.id}`} size="small" type="link" danger>
                  移除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ]

  return (
    <Drawer
      open
      width={960}
      title={`${round.name} · 被巡察单位`}
      onClose={onClose}
      extra={
        <Space>
          {canEdit ? (
            <Button id="inspected-unit-create" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加被巡察单位
            </Button>
          ) : null}
          <Button
            id="round-units-zip"
            icon={<DownloadOutlined />}
            loading={busy === 'zip'}
            disabled={!data?.length}
            onClick={() => download('zip', posterPaths.roundZip(round.id), `${round.code}_巡察二维码.zip`)}
          >
            批量下载（ZIP）
          </Button>
        </Space>
      }
    >
      <div data-testid="round-units-drawer">
        <Typography.Paragraph type="secondary">
          巡察时间 {period(round.startsOn, round.endsOn)}。二维码打开小程序的本单位场景：先显示巡察公示，再进入“我要反映”。
        </Typography.Paragraph>
        {error ? <LoadError testId="inspected-units-error" text={errorText(error)} retry={reload} /> : null}
        <Table<InspectedUnit>
          data-testid="inspected-units-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data}
          loading={loading}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 个单位` }}
          locale={{ emptyText: '本轮尚未添加被巡察单位' }}
        />
      </div>
      {adding ? (
        <InspectedUnitFormModal
          round={round}
          groups={groupOptions}
          onClose={() => setAdding(false)}
          onDone={(iu) => {
            setAdding(false)
            message.success(`已添加 ${iu.unit.name}`)
            changed()
          }}
        />
      ) : null}
    </Drawer>
  )
}

function RoundsTab({ canEdit, canMonitoringPoints }: { canEdit: boolean; canMonitoringPoints: boolean }) {
  const { message } = App.useApp()
  const [status, setStatus] = useState<TourRound['status']>()
  const { data, error, loading, reload } = useRequest((signal) => listRounds(signal), [])
  const [editing, setEditing] = useState<TourRound | 'new'>()
  const [viewing, setViewing] = useState<TourRound>()
  const { busy, download } = useDownload()
  const rows = useMemo(() => (status ? data?.filter((r) => r.status === status) : data), [data, status])

  const columns: TableColumnsType<TourRound> = [
    { title: '轮次名称', dataIndex: 'name' },
    { title: '编号', dataIndex: 'code', width: 110 },
    { title: '巡察时间', key: 'period', width: 220, render: (_, r) => period(r.startsOn, r.endsOn) },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: TourRound['status']) => <RoundStatusTag status={s} /> },
    { title: '被巡察单位', dataIndex: 'unitCount', width: 100, render: (n?: number) => n ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_, r) => (
        <Space size={4} wrap>
          {canEdit ? (
            <Button id={`round-edit-${r.id}`} size="small" type="link" onClick={() => setEditing(r)}>
              编辑
            </Button>
          ) : null}
          <Button id={`round-units-${r.id}`} size="small" type="link" onClick={() => setViewing(r)}>
            被巡察单位
          </Button>
          <Button
            id={`round-zip-${r.id}`}
            size="small"
            type="link"
            icon={<DownloadOutlined />}
            loading={busy === r.id}
            disabled={r.unitCount === 0}
            onClick={() => download(r.id, posterPaths.roundZip(r.id), `${r.code}_巡察二维码.zip`)}
          >
            二维码（ZIP）
          </Button>
        </Space>
      ),
    },
  ]

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          id="round-status-filter"
          placeholder="全部状态"
          allowClear
          options={statusOptions}
          value={status}
          style={{ width: 160 }}
          onChange={(value?: TourRound['status']) => setStatus(value)}
        />
        {canEdit ? (
          <Button id="round-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建轮次
          </Button>
        ) : null}
        {canMonitoringPoints ? (
          <Button
            id="mp-posters-zip"
            icon={<DownloadOutlined />}
            loading={busy === 'monitoring-points'}
            onClick={() => download('monitoring-points', posterPaths.monitoringPointsZip(), '监测点二维码.zip')}
          >
            监测点二维码（ZIP）
          </Button>
        ) : null}
      </Space>
      {error ? <LoadError testId="rounds-error" text={errorText(error)} retry={reload} /> : null}
      <Table<TourRound>
        data-testid="rounds-table"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 轮` }}
      />
      {editing ? (
        <RoundFormModal
          round={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            message.success(editing === 'new' ? '巡察轮次已创建' : '巡察轮次已保存')
            setEditing(undefined)
            reload()
          }}
        />
      ) : null}
      {viewing ? <RoundUnitsDrawer round={viewing} canEdit={canEdit} onClose={() => setViewing(undefined)} onChanged={reload} /> : null}
    </>
  )
}

// ---------------------------------------------------------------- groups

function GroupFormModal({ group, onClose, onDone }: { group?: TourGroup; onClose: () => void; onDone: () => void }) {
  const candidates = useRequest((signal) => listGroupCandidates(signal), [])
  const options = useMemo(
    () =>
      (candidates.data ?? []).map((u) => {
        const elsewhere = u.tourGroupId && u.tourGroupId !== group?.id
        const notes = [!u.active ? '已停用' : '', elsewhere ? '已在其他巡察组，选入即调整' : ''].filter(Boolean).join('，')
        return { value: u.id, label: `${u.displayName}（${u.username}）${notes ? ` · ${notes}` : ''}` }
      }),
    [candidates.data, group?.id],
  )
  return (
    <EntityFormModal
      title={group ? '编辑巡察组' : '新建巡察组'}
      name="group"
      okId="group-save"
      width={640}
      fields={['name', 'leader', 'phone', 'mailbox', 'address', 'memberIds']}
      codeFields={{ GROUP_NAME_TAKEN: 'name', INVALID_MEMBERS: 'memberIds' }}
      schema={tourGroupBody}
      toBody={(v) => ({
        name: v.name ?? '',
        // an emptied contact field is cleared on the server (null), not left as it was
        leader: given(v.leader) ?? null,
        phone: given(v.phone) ?? null,
        mailbox: given(v.mailbox) ?? null,
        address: given(v.address) ?? null,
        memberIds: (v.memberIds as string[] | undefined) ?? [],
      })}
      submit={(body) => (group ? updateGroup(group.id, body) : createGroup(body))}
      onDone={onDone}
      onClose={onClose}
      initialValues={
        group
          ? { name: group.name, leader: group.leader, phone: group.phone, mailbox: group.mailbox, address: group.address, memberIds: group.members.map((m) => m.id) }
          : { memberIds: [] }
      }
    >
      <Form.Item name="name" label="巡察组名称" required rules={[zodRule(tourGroupBody.shape.name)]}>
        <Input maxLength={100} placeholder="如：县委第一巡察组" />
      </Form.Item>
      <Form.Item name="leader" label="组长">
        <Input maxLength={50} />
      </Form.Item>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="phone" label="值班电话">
          <Input maxLength={30} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="mailbox" label="邮政信箱 / 电子邮箱">
          <Input maxLength={100} style={{ width: 300 }} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="意见箱 / 来访地址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="memberIds" label="成员" extra="成员须为“巡察组”角色的工作人员；变更在其重新登录后生效。">
        <Select
          mode="multiple"
          placeholder={candidates.error ? errorText(candidates.error) : '选择成员'}
          options={options}
          loading={candidates.loading}
          optionFilterProp="label"
        />
      </Form.Item>
    </EntityFormModal>
  )
}

function GroupsTab({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp()
  const { data, error, loading, reload } = useRequest((signal) => listGroups(signal), [])
  const [editing, setEditing] = useState<TourGroup | 'new'>()
  const dash = <Typography.Text type="secondary">—</Typography.Text>
  const columns: TableColumnsType<TourGroup> = [
    { title: '巡察组', dataIndex: 'name', width: 160 },
    { title: '组长', dataIndex: 'leader', width: 100, render: (v: string | null) => v ?? dash },
    { title: '值班电话', dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? dash },
    { title: '信箱', dataIndex: 'mailbox', width: 180, render: (v: string | null) => v ?? dash },
    { title: '地址', dataIndex: 'address', render: (v: string | null) => v ?? dash },
    {
      title: '成员',
      key: 'members',
      render: (_, g) => (g.members.length ? g.members.map((m) => <Tag key={m.id}>{m.displayName}</Tag>) : dash),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, g: TourGroup) => (
              <Button id={`group-edit-${g.id}`} size="small" type="link" onClick={() => setEditing(g)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ]
  return (
    <>
      {canEdit ? (
        <Space style={{ marginBottom: 16 }}>
          <Button id="group-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建巡察组
          </Button>
        </Space>
      ) : null}
      {error ? <LoadError testId="groups-error" text={errorText(error)} retry={reload} /> : null}
      <Table<TourGroup> data-testid="groups-table" rowKey="id" columns={columns} dataSource={data} loading={loading} pagination={false} />
      {editing ? (
        <GroupFormModal
          group={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            message.success(editing === 'new' ? '巡察组已创建' : '巡察组已保存')
            setEditing(undefined)
            reload()
          }}
        />
      ) : null}
    </>
  )
}

export default function RoundsPage() {
  const user = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'groups' ? 'groups' : 'rounds'
  // The server decides; these only leave out buttons a role could not use (tours routes: writes are admin-only).
  const canEdit = user.role === 'admin'
  const canMonitoringPoints = user.role === 'admin' || user.role === 'supervisor'
  return (
    <Card title="巡察轮次">
      <Tabs
        id="tours-tabs"
        activeKey={tab}
        onChange={(key) => setParams(key === 'groups' ? { tab: 'groups' } : {})}
        items={[
          { key: 'rounds', label: '巡察轮次', children: <RoundsTab canEdit={canEdit} canMonitoringPoints={canMonitoringPoints} /> },
          { key: 'groups', label: '巡察组', children: <GroupsTab canEdit={canEdit} /> },
        ]}
      />
    </Card>
  )
}
