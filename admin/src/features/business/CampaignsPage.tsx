import { PlusOutlined } from '@ant-design/icons'
import { campaignBody, campaignListQuery, campaignStatuses, campaignStatusLabels, type CampaignStatus, type CampaignView } from '@msjd/shared'
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useUrlFilters } from '../../components/useUrlFilters'
import { createCampaign, listCampaigns, searchServiceItemOptions, setCampaignStatus, updateCampaign, type NamedOption } from './api'
import { FormModal, given, type FormValues } from '../../components/FormModal'
import { useOnboardUnits, usePoints, type Directory } from './options'
import { LoadError } from '../../components/LoadError'
import { FilterBar } from '../../components/FilterBar'

const statusColors: Record<CampaignStatus, string> = { draft: 'default', open: 'green', closed: 'purple' }
const statusOptions = campaignStatuses.map((s) => ({ value: s, label: campaignStatusLabels[s] }))

export function scopeText(campaign: Pick<CampaignView, 'monitoringPoints' | 'units' | 'serviceItems'>): string {
  const points = campaign.monitoringPoints.length ? `${campaign.monitoringPoints.length} 个监测点` : '全部监测点'
  const targets =
    campaign.units.length || campaign.serviceItems.length
      ? [campaign.units.length ? `${campaign.units.length} 个单位` : '', campaign.serviceItems.length ? `${campaign.serviceItems.length} 个事项` : ''].filter(Boolean).join('、')
      : '全部进驻单位'
  return `${points} · ${targets}`
}

/** Items are searched on the server (there are about 1,800); the chosen ones keep their labels. */
function ItemPicker({ value, onChange, initial }: { value?: string[]; onChange?: (v: string[]) => void; initial: NamedOption[] }) {
  const [search, setSearch] = useState('')
  const { data } = useRequest((signal) => searchServiceItemOptions(search, undefined, signal), [search])
  const [known, setKnown] = useState<NamedOption[]>(initial)
  const options = useMemo(() => {
    const byId = new Map(known.map((o) => [o.value, o]))
    for (const o of data ?? []) byId.set(o.value, o)
    return [...byId.values()]
  }, [known, data])
  return (
    <Select
      id="campaign-items"
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={setSearch}
      value={value}
      onChange={(next: string[]) => {
        setKnown(options.filter((o) => next.includes(o.value)))
        onChange?.(next)
      }}
      options={options}
      placeholder="输入编码或名称搜索事项（可不选）"
    />
  )
}

function CampaignFormModal({ campaign, points, units, onClose, onDone }: { campaign?: CampaignView; points: Directory; units: Directory; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal
      title={campaign ? `编辑评议：${campaign.name}` : '新建评议'}
      width={720}
      fields={['name', 'description', 'period', 'monitoringPointIds', 'unitIds', 'serviceItemIds']}
      aliases={{ startsOn: 'period', endsOn: 'period' }}
      schema={campaignBody}
      initialValues={
        campaign
          ? {
              name: campaign.name,
              description: campaign.description ?? '',
              period: [dayjs(campaign.startsOn), dayjs(campaign.endsOn)],
              monitoringPointIds: campaign.monitoringPoints.map((p) => p.id),
              unitIds: campaign.units.map((u) => u.id),
              serviceItemIds: campaign.serviceItems.map((i) => i.id),
            }
          : {}
      }
      toBody={(v: FormValues) => {
        const period = v.period as [Dayjs, Dayjs] | undefined
        return {
          name: v.name ?? '',
          description: given(v.description),
          startsOn: period?.[0]?.format('YYYY-MM-DD') ?? '',
          endsOn: period?.[1]?.format('YYYY-MM-DD') ?? '',
          monitoringPointIds: v.monitoringPointIds ?? [],
          unitIds: v.unitIds ?? [],
          serviceItemIds: v.serviceItemIds ?? [],
        }
      }}
      submit={(body) => (campaign ? updateCampaign(campaign.id, body) : createCampaign(body))}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="name" label="评议名称" required>
        <Input id="campaign-name" maxLength={100} placeholder="如 2026年第四季度政务服务评议" />
      </Form.Item>
      <Form.Item name="description" label="说明">
        <Input.TextArea id="campaign-description" maxLength={2000} rows={3} />
      </Form.Item>
      <Form.Item name="period" label="评议期间" rules={[{ required: true, message: '请选择评议期间' }]} extra="开始、结束日期均含当天">
        <DatePicker.RangePicker id="campaign-period" />
      </Form.Item>
      <Form.Item name="monitoringPointIds" label="参加的监测点" extra="不选即全部监测点的企业均可参加">
        <Select id="campaign-points" mode="multiple" allowClear showSearch optionFilterProp="label" options={points.options} placeholder="全部监测点" />
      </Form.Item>
      <Form.Item name="unitIds" label="评议单位" extra="所选单位本身及其全部事项可被评价；单位与事项都不选即全部进驻单位">
        <Select id="campaign-units" mode="multiple" allowClear showSearch optionFilterProp="label" options={units.options} placeholder="全部进驻单位" />
      </Form.Item>
      <Form.Item name="serviceItemIds" label="另加的单个事项">
        <ItemPicker initial={(campaign?.serviceItems ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))} />
      </Form.Item>
    </FormModal>
  )
}

/** 评议管理: evaluation campaigns the points run; staff open and close them. */
export default function CampaignsPage() {
  const { message } = App.useApp()
  const [query, setQuery] = useUrlFilters(campaignListQuery)
  const [editing, setEditing] = useState<CampaignView | 'new' | null>(null)
  const points = usePoints()
  const units = useOnboardUnits()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listCampaigns(query, signal), [key])

  const move = async (campaign: CampaignView, status: 'open' | 'closed') => {
    try {
      await setCampaignStatus(campaign.id, status)
      message.success(status === 'open' ? `“${campaign.name}”已开始` : `“${campaign.name}”已结束`)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }

  const columns: TableColumnsType<CampaignView> = [
    { title: '评议名称', dataIndex: 'name' },
    { title: '期间', key: 'period', width: 210, render: (_, row) => `${row.startsOn} 至 ${row.endsOn}` },
    { title: '范围', key: 'scope', width: 220, render: (_, row) => scopeText(row) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (status: CampaignStatus, row) => (
        <Space size={4}>
          <Tag color={statusColors[status]} data-testid={`campaign-status-${row.id}`}>
            {campaignStatusLabels[status]}
          </Tag>
          {status === 'open' && !row.accepting ? <Typography.Text type="secondary">不在期间内</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: '评价数',
      dataIndex: 'evaluationCount',
      width: 90,
      render: (count: number, row) => <Link to={`/business/evaluations?campaignId=${row.id}`}>{count}</Link>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, row) => (
        <Space>
          {row.status !== 'closed' ? (
            <Button type="link" size="small" data-testid={`campaign-edit-${row.id}`} onClick={() => setEditing(row)}>
              编辑
            </Button>
          ) : null}
          {row.status === 'draft' ? (
            <Popconfirm title={`开始“${row.name}”？`} description="开始后，范围内监测点的企业即可在期间内评价。" okText="开始" cancelText="取消" onConfirm={() => move(row, 'open')}>
              <Button type="link" size="small" data-testid={`campaign-open-${row.id}`}>
                开始评议
              </Button>
            </Popconfirm>
          ) : null}
          {row.status === 'open' ? (
            <Popconfirm title={`结束“${row.name}”？`} description="结束后企业不能再评价，且不能重新开始。" okText="结束" cancelText="取消" onConfirm={() => move(row, 'closed')}>
              <Button type="link" size="small" danger data-testid={`campaign-close-${row.id}`}>
                结束评议
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ]

  return (
    <Card
      title="评议管理"
      extra={
        <Button id="campaigns-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建评议
        </Button>
      }
    >
      <FilterBar>
        <Select
          id="campaigns-status-filter"
          placeholder="全部状态"
          allowClear
          options={statusOptions}
          value={query.status}
          style={{ width: 140 }}
          onChange={(value?: CampaignStatus) => setQuery({ status: value, page: 1 })}
        />
        <Select
          id="campaigns-point-filter"
          placeholder="全部监测点"
          allowClear
          showSearch
          optionFilterProp="label"
          options={points.options}
          value={query.monitoringPointId}
          style={{ width: 220 }}
          onChange={(value?: string) => setQuery({ monitoringPointId: value, page: 1 })}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="campaigns-error" style={{ marginBottom: 16 }} />
      <Table<CampaignView>
        data-testid="campaigns-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 次评议`,
          onChange: (nextPage, nextSize) => setQuery({ page: nextSize === query.pageSize ? nextPage : 1, pageSize: nextSize }),
        }}
      />
      {editing ? (
        <CampaignFormModal
          campaign={editing === 'new' ? undefined : editing}
          points={points}
          units={units}
          onClose={() => setEditing(null)}
          onDone={() => {
            message.success(editing === 'new' ? '评议已创建（未发布），可点“开始评议”' : '评议已保存')
            setEditing(null)
            reload()
          }}
        />
      ) : null}
    </Card>
  )
}
