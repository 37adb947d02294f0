import { DownloadOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons'
import { monitoringPointBody, monitoringPointListQuery, type EnterpriseView, type MonitoringPointView } from '@msjd/shared'
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Image, Input, Popconfirm, Select, Space, Spin, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useEffect, useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useUrlFilters } from '../../components/useUrlFilters'
import {
  createMonitoringPoint,
  downloadMonitoringPointPoster,
  getMonitoringPoint,
  listMonitoringPoints,
  monitoringPointQrUrl,
  monitoringPointScene,
  renewInviteCode,
  updateMonitoringPoint,
} from './api'
import { FormModal, given } from '../../components/FormModal'
import { useAllUnits, type Directory } from './options'
import { listPagination } from '../../components/listPagination'
import { LoadError } from '../../components/LoadError'
import { FilterBar } from '../../components/FilterBar'

const activeOptions = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '停用' },
]

function PointFormModal({ point, units, onClose, onDone }: { point?: MonitoringPointView; units: Directory; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal
      title={point ? `编辑监测点：${point.name}` : '新增监测点'}
      fields={['code', 'name', 'address', 'contact', 'phone', 'unitId', 'active']}
      schema={monitoringPointBody}
      initialValues={
        point
          ? { code: point.code, name: point.name, address: point.address ?? '', contact: point.contact ?? '', phone: point.phone ?? '', unitId: point.unitId ?? undefined, active: point.active }
          : { active: true }
      }
      toBody={(v) => ({
        code: v.code ?? '',
        name: v.name ?? '',
        address: given(v.address),
        contact: given(v.contact),
        phone: given(v.phone),
        unitId: (v.unitId as string | undefined) ?? null,
        active: v.active !== false,
      })}
      submit={(body) => (point ? updateMonitoringPoint(point.id, body) : createMonitoringPoint(body))}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="code" label="监测点编码" required>
        <Input id="point-code" maxLength={32} />
      </Form.Item>
      <Form.Item name="name" label="监测点名称" required>
        <Input id="point-name" maxLength={100} />
      </Form.Item>
      <Form.Item name="address" label="地址">
        <Input id="point-address" maxLength={200} />
      </Form.Item>
      <Space size="large">
        <Form.Item name="contact" label="联系人">
          <Input id="point-contact" maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input id="point-phone" maxLength={20} />
        </Form.Item>
      </Space>
      <Form.Item name="unitId" label="所在（承办）单位">
        <Select id="point-unit" allowClear showSearch optionFilterProp="label" options={units.options} placeholder="可不选" />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked">
        <Switch id="point-active" checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </FormModal>
  )
}

const enterpriseColumns: TableColumnsType<EnterpriseView> = [
  { title: '企业名称', dataIndex: 'name' },
  { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
  { title: '绑定账号', dataIndex: 'memberCount', width: 90 },
  { title: '评价', dataIndex: 'evaluationCount', width: 70 },
  { title: '投诉', dataIndex: 'complaintCount', width: 70 },
]

/** One point: its details, invite code, QR code (the same signed scene the posters carry) and attached enterprises. */
function PointDrawer({ pointId, onClose, onChanged }: { pointId: string; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp()
  const { data, error, loading, reload } = useRequest((signal) => getMonitoringPoint(pointId, signal), [pointId])
  const [qr, setQr] = useState<string>()
  const [h5Url, setH5Url] = useState<string>()
  const [qrError, setQrError] = useState<string>()

  useEffect(() => {
    let url: string | undefined
    let live = true
    setQr(undefined)
    setQrError(undefined)
    monitoringPointQrUrl(pointId).then(
      (made) => {
        url = made
        if (live) setQr(made)
        else URL.revokeObjectURL(made)
      },
      (failure: unknown) => live && setQrError(errorText(toApiRequestError(failure))),
    )
    monitoringPointScene(pointId).then(
      (link) => live && setH5Url(link.h5Url),
      () => undefined,
    )
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [pointId])

  const renew = async () => {
    try {
      await renewInviteCode(pointId)
      message.success('已生成新的邀请码，旧邀请码即时失效')
      reload()
      onChanged()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }

  const poster = async () => {
    try {
      await downloadMonitoringPointPoster(pointId, data?.name ?? '监测点海报')
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }

  return (
    <Drawer open width={760} title={data ? data.name : '监测点'} onClose={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {loading && !data ? <Spin /> : null}
      {data ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="point-detail">
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="编码">{data.code}</Descriptions.Item>
            <Descriptions.Item label="状态">{data.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}</Descriptions.Item>
            <Descriptions.Item label="地址" span={2}>{data.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">{data.contact ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{data.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="所在单位" span={2}>{data.unitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="企业邀请码" span={2}>
              <Space>
                <Typography.Text code copyable data-testid="point-invite-code">
                  {data.inviteCode}
                </Typography.Text>
                <Popconfirm title="重新生成邀请码？" description="旧邀请码将立即失效，已绑定的企业不受影响。" okText="重新生成" cancelText="取消" onConfirm={renew}>
                  <Button size="small" id="point-invite-renew" icon={<ReloadOutlined />}>
                    重新生成
                  </Button>
                </Popconfirm>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title="监测点二维码" extra={<Button size="small" id="point-poster" icon={<DownloadOutlined />} onClick={poster}>下载海报（PDF）</Button>}>
            <Space align="start" size="large">
              {qr ? <Image src={qr} width={160} alt={`${data.name}二维码`} data-testid="point-qr" /> : qrError ? <Alert type="warning" message={qrError} /> : <Spin />}
              <Typography.Paragraph type="secondary" style={{ maxWidth: 420 }}>
                企业用微信扫码进入小程序，即可在本监测点绑定企业、参加评议和投诉。
                {h5Url ? (
                  <>
                    <br />
                    H5 地址：<Typography.Text copyable data-testid="point-h5-url">{h5Url}</Typography.Text>
                  </>
                ) : null}
              </Typography.Paragraph>
            </Space>
          </Card>
          <Table<EnterpriseView>
            data-testid="point-enterprises"
            title={() => `已关联企业（${data.enterprises.length}）`}
            size="small"
            rowKey="id"
            columns={enterpriseColumns}
            dataSource={data.enterprises}
            pagination={data.enterprises.length > 10 ? { pageSize: 10 } : false}
            locale={{ emptyText: '尚无企业在本监测点绑定' }}
          />
        </Space>
      ) : null}
    </Drawer>
  )
}

/** 监测点: the 40 points, their invite codes and QR codes, and the enterprises attached to each. */
export default function PointsPage() {
  const { message } = App.useApp()
  const [query, setQuery] = useUrlFilters(monitoringPointListQuery)
  const [keyword, setKeyword] = useState(query.q ?? '')
  const [editing, setEditing] = useState<MonitoringPointView | 'new' | null>(null)
  const [opened, setOpened] = useState<string>()
  const units = useAllUnits()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listMonitoringPoints(query, signal), [key])

  useEffect(() => setKeyword(query.q ?? ''), [query.q])

  const columns: TableColumnsType<MonitoringPointView> = [
    { title: '编码', dataIndex: 'code', width: 110 },
    {
      title: '监测点名称',
      dataIndex: 'name',
      render: (name: string, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} data-testid={`point-open-${row.code}`} onClick={() => setOpened(row.id)}>
          {name}
        </Button>
      ),
    },
    { title: '地址', dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '联系人', key: 'contact', width: 170, render: (_, row) => [row.contact, row.phone].filter(Boolean).join(' ') || '—' },
    { title: '企业', dataIndex: 'enterpriseCount', width: 70 },
    { title: '评价', dataIndex: 'evaluationCount', width: 70 },
    { title: '状态', dataIndex: 'active', width: 80, render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, row) => (
        <Space>
          <Button type="link" size="small" data-testid={`point-edit-${row.code}`} onClick={() => setEditing(row)}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setOpened(row.id)}>
            详情
          </Button>
        </Space>
      ),
    },
  ]

  return (
    <Card
      title="监测点"
      extra={
        <Button id="points-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增监测点
        </Button>
      }
    >
      <FilterBar onSearch={() => setQuery({ q: keyword.trim() || undefined, page: 1 })} searchId="points-search-submit">
        <Input
          id="points-search"
          placeholder="名称或编码"
          prefix={<SearchOutlined />}
          allowClear
          value={keyword}
          maxLength={50}
          style={{ width: 240 }}
          onChange={(event) => setKeyword(event.target.value)}
          onPressEnter={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        />
        <Select
          id="points-active-filter"
          placeholder="全部状态"
          allowClear
          options={activeOptions}
          value={query.active === undefined ? undefined : String(query.active)}
          style={{ width: 120 }}
          onChange={(value?: string) => setQuery({ active: value === undefined ? undefined : value === 'true', page: 1 })}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="points-error" style={{ marginBottom: 16 }} />
      <Table<MonitoringPointView>
        data-testid="points-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={listPagination(query, setQuery, data?.total, '个监测点')}
      />
      {editing ? (
        <PointFormModal
          point={editing === 'new' ? undefined : editing}
          units={units}
          onClose={() => setEditing(null)}
          onDone={() => {
            message.success(editing === 'new' ? '监测点已新增' : '监测点已保存')
            setEditing(null)
            reload()
          }}
        />
      ) : null}
      {opened ? <PointDrawer pointId={opened} onClose={() => setOpened(undefined)} onChanged={reload} /> : null}
    </Card>
  )
}
