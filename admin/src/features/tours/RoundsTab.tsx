/** 巡察轮次 tab: the rounds, their form and their poster downloads (ids: see RoundsPage.tsx). */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons'
import { tourRoundBody, tourRoundStatuses, tourRoundStatusLabels, type TourRound } from '@msjd/shared/tours'
import { App, Button, DatePicker, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { createRound, listRounds, posterPaths, updateRound } from './api'
import { day, FormModal } from '../../components/FormModal'
import { FilterBar } from '../../components/FilterBar'
import { LoadError } from '../../components/LoadError'
import { RoundUnitsDrawer } from './RoundUnitsDrawer'
import { period, RoundStatusTag, useDownload } from './shared'

const statusOptions = tourRoundStatuses.map((s) => ({ value: s, label: tourRoundStatusLabels[s] }))

function RoundFormModal({ round, onClose, onDone }: { round?: TourRound; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal
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
    </FormModal>
  )
}

/** Search the unit directory by name or code; the value is the unit's id. */
export function RoundsTab({ canEdit, canMonitoringPoints }: { canEdit: boolean; canMonitoringPoints: boolean }) {
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
      <FilterBar
        extra={
          <>
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
          </>
        }
      >
        <Select
          id="round-status-filter"
          placeholder="全部状态"
          allowClear
          options={statusOptions}
          value={status}
          style={{ width: 160 }}
          onChange={(value?: TourRound['status']) => setStatus(value)}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="rounds-error" style={{ marginBottom: 16 }} />
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
