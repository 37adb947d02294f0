import { DeleteOutlined, MinusCircleOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons'
import { serviceItemBody, serviceItemListQuery, type ServiceItemView } from '@msjd/shared'
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd'
import { useEffect, useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { useUrlFilters } from '../../components/useUrlFilters'
import { createServiceItem, deleteServiceItem, listServiceItems, updateServiceItem } from './api'
import { FormModal, type FormValues } from '../../components/FormModal'
import { ImportModal } from './ImportModal'
import { useOnboardUnits, type Directory } from './options'
import { listPagination } from '../../components/listPagination'
import { LoadError } from '../../components/LoadError'
import { FilterBar } from '../../components/FilterBar'

const EDITORS = ['admin', 'supervisor']

function materialsOf(values: FormValues): string[] {
  const list = Array.isArray(values.materials) ? (values.materials as unknown[]) : []
  return list.map((m) => (typeof m === 'string' ? m.trim() : '')).filter((m) => m !== '')
}

export function ItemFormModal({ item, units, onClose, onDone }: { item?: ServiceItemView; units: Directory; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal
      title={item ? `编辑事项：${item.name}` : '新增事项'}
      width={640}
      fields={['code', 'name', 'unitId', 'promisedDays', 'materials']}
      schema={serviceItemBody}
      initialValues={
        item
          ? { code: item.code, name: item.name, unitId: item.unitId, promisedDays: item.promisedDays, materials: item.materials }
          : { materials: [] }
      }
      toBody={(v) => ({ code: v.code ?? '', name: v.name ?? '', unitId: v.unitId ?? '', promisedDays: v.promisedDays ?? '', materials: materialsOf(v) })}
      submit={(body) => (item ? updateServiceItem(item.id, body) : createServiceItem(body))}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="code" label="事项编码" required>
        <Input id="item-code" maxLength={64} placeholder="如 11330000MB0000001X00001" />
      </Form.Item>
      <Form.Item name="name" label="事项名称" required>
        <Input id="item-name" maxLength={200} />
      </Form.Item>
      <Form.Item name="unitId" label="实施单位" required>
        <Select id="item-unit" showSearch optionFilterProp="label" options={units.options} placeholder="选择进驻单位" />
      </Form.Item>
      <Form.Item name="promisedDays" label="承诺时限（工作日）" required>
        <InputNumber id="item-days" min={0} max={365} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.List name="materials">
        {(rows, { add, remove }) => (
          <Form.Item label="申报材料" extra="每项一行，按提交顺序填写">
            {rows.map((row, index) => (
              <Space key={row.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={row.name} style={{ marginBottom: 8, width: 500 }}>
                  <Input id={`item-material-${index}`} maxLength={200} placeholder={`材料 ${index + 1}`} />
                </Form.Item>
                <MinusCircleOutlined aria-label={`删除材料 ${index + 1}`} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Button id="item-material-add" type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
              添加材料
            </Button>
          </Form.Item>
        )}
      </Form.List>
    </FormModal>
  )
}

export default function ItemsPage() {
  const user = useCurrentUser()
  const canEdit = EDITORS.includes(user.role)
  const { message } = App.useApp()
  const [query, setQuery, reset] = useUrlFilters(serviceItemListQuery)
  const [keyword, setKeyword] = useState(query.q ?? '')
  const [editing, setEditing] = useState<ServiceItemView | 'new' | null>(null)
  const [importing, setImporting] = useState(false)
  const units = useOnboardUnits()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listServiceItems(query, signal), [key])

  useEffect(() => setKeyword(query.q ?? ''), [query.q])

  const remove = async (item: ServiceItemView) => {
    try {
      await deleteServiceItem(item.id)
      message.success(`已删除事项“${item.name}”`)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }

  const columns: TableColumnsType<ServiceItemView> = [
    { title: '事项编码', dataIndex: 'code', width: 220 },
    { title: '事项名称', dataIndex: 'name' },
    { title: '实施单位', dataIndex: 'unitName', width: 200 },
    { title: '承诺时限', dataIndex: 'promisedDays', width: 110, render: (days: number) => `${days} 个工作日` },
    {
      title: '申报材料',
      dataIndex: 'materials',
      width: 110,
      render: (materials: string[]) => (materials.length ? `${materials.length} 项` : <Typography.Text type="secondary">未填写</Typography.Text>),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_: unknown, row: ServiceItemView) => (
              <Space>
                <Button type="link" size="small" data-testid={`item-edit-${row.code}`} onClick={() => setEditing(row)}>
                  编辑
                </Button>
                <Popconfirm title={`删除事项“${row.name}”？`} description="已被评价或投诉的事项不能删除。" okText="删除" cancelText="取消" onConfirm={() => remove(row)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`item-delete-${row.code}`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ]

  return (
    <Card
      title="事项管理"
      extra={
        canEdit ? (
          <Space>
            <Button id="items-import" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
            <Button id="items-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增事项
            </Button>
          </Space>
        ) : null
      }
    >
      <FilterBar
        onSearch={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        searchId="items-search-submit"
        onReset={() => {
          setKeyword('')
          reset()
        }}
        resetId="items-reset"
      >
        <Input
          id="items-search"
          placeholder="事项编码或名称"
          prefix={<SearchOutlined />}
          allowClear
          value={keyword}
          maxLength={50}
          style={{ width: 260 }}
          onChange={(event) => setKeyword(event.target.value)}
          onPressEnter={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        />
        <Select
          id="items-unit-filter"
          placeholder="全部单位"
          allowClear
          showSearch
          optionFilterProp="label"
          options={units.options}
          value={query.unitId}
          style={{ width: 240 }}
          onChange={(value?: string) => setQuery({ unitId: value, page: 1 })}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="items-error" style={{ marginBottom: 16 }} />
      <Table<ServiceItemView>
        data-testid="items-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        expandable={{
          rowExpandable: (row) => row.materials.length > 0,
          expandedRowRender: (row) => (
            <div data-testid={`item-materials-${row.code}`}>
              <Typography.Text strong>申报材料：</Typography.Text>
              <ol style={{ margin: '8px 0 0', paddingLeft: 24 }}>
                {row.materials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ol>
            </div>
          ),
        }}
        pagination={listPagination(query, setQuery, data?.total, '个事项')}
      />
      {editing ? (
        <ItemFormModal
          item={editing === 'new' ? undefined : editing}
          units={units}
          onClose={() => setEditing(null)}
          onDone={() => {
            message.success(editing === 'new' ? '事项已新增' : '事项已保存')
            setEditing(null)
            reload()
          }}
        />
      ) : null}
      {importing ? (
        <ImportModal
          onClose={(changed) => {
            setImporting(false)
            if (changed) reload()
          }}
        />
      ) : null}
    </Card>
  )
}

