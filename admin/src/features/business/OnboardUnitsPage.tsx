import { SearchOutlined } from '@ant-design/icons'
import { businessUnitListQuery, unitKindLabels, type BusinessUnitView } from '@msjd/shared'
import { App,  Card, Input, Select,  Switch, Table, type TableColumnsType } from 'antd'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { useUrlFilters } from '../../components/useUrlFilters'
import { listBusinessUnits, setUnitOnboard } from './api'
import { listPagination } from '../../components/listPagination'
import { LoadError } from '../../components/LoadError'
import { FilterBar } from '../../components/FilterBar'

const onboardOptions = [
  { value: 'true', label: '已进驻' },
  { value: 'false', label: '未进驻' },
]

/** 进驻管理: which units sit in the government service centre (only those are rated and carry service items). */
export default function OnboardUnitsPage() {
  const { message } = App.useApp()
  const [query, setQuery] = useUrlFilters(businessUnitListQuery)
  const [keyword, setKeyword] = useState(query.q ?? '')
  const [saving, setSaving] = useState<string>()
  const key = JSON.stringify(query)
  const { data, error, loading, reload } = useRequest((signal) => listBusinessUnits(query, signal), [key])

  useEffect(() => setKeyword(query.q ?? ''), [query.q])

  const toggle = async (unit: BusinessUnitView, onboard: boolean) => {
    setSaving(unit.id)
    try {
      await setUnitOnboard(unit.id, onboard)
      message.success(onboard ? `${unit.name}已设为进驻` : `${unit.name}已取消进驻`)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setSaving(undefined)
    }
  }

  const columns: TableColumnsType<BusinessUnitView> = [
    { title: '单位编码', dataIndex: 'code', width: 140 },
    { title: '单位名称', dataIndex: 'name' },
    { title: '类别', dataIndex: 'kind', width: 120, render: (kind: string) => unitKindLabels[kind as keyof typeof unitKindLabels] ?? kind },
    {
      title: '服务事项',
      dataIndex: 'serviceItemCount',
      width: 110,
      render: (count: number, row) => <Link to={`/business/items?unitId=${row.id}`}>{count} 项</Link>,
    },
    { title: '监测点', dataIndex: 'monitoringPointCount', width: 90 },
    {
      title: '进驻政务服务中心',
      dataIndex: 'onboard',
      width: 150,
      render: (onboard: boolean, row) => (
        <Switch
          data-testid={`unit-onboard-${row.code}`}
          checked={onboard}
          loading={saving === row.id}
          checkedChildren="已进驻"
          unCheckedChildren="未进驻"
          onChange={(next) => toggle(row, next)}
        />
      ),
    },
  ]

  return (
    <Card title="进驻单位">
      <FilterBar onSearch={() => setQuery({ q: keyword.trim() || undefined, page: 1 })} searchId="business-units-search-submit">
        <Input
          id="business-units-search"
          placeholder="单位名称或编码"
          prefix={<SearchOutlined />}
          allowClear
          value={keyword}
          maxLength={50}
          style={{ width: 240 }}
          onChange={(event) => setKeyword(event.target.value)}
          onPressEnter={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        />
        <Select
          id="business-units-onboard-filter"
          placeholder="是否进驻"
          allowClear
          options={onboardOptions}
          value={query.onboard === undefined ? undefined : String(query.onboard)}
          style={{ width: 140 }}
          onChange={(value?: string) => setQuery({ onboard: value === undefined ? undefined : value === 'true', page: 1 })}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="business-units-error" style={{ marginBottom: 16 }} />
      <Table<BusinessUnitView>
        data-testid="business-units-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={listPagination(query, setQuery, data?.total, '个单位')}
      />
    </Card>
  )
}
