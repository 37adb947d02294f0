import { SearchOutlined } from '@ant-design/icons'
import { unitKinds, unitKindLabels, unitListQuery, type Unit } from '@msjd/shared/units'
import {  Card, Input, Select,  Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useEffect, useState } from 'react'
import { useUrlFilters } from '../../components/useUrlFilters'
import { useRequest } from '../../api/useRequest'
import { listUnits, type UnitListQuery } from './api'
import { LoadError } from '../../components/LoadError'
import { FilterBar } from '../../components/FilterBar'

const kindOptions = unitKinds.map((kind) => ({ value: kind, label: unitKindLabels[kind] }))

const columns: TableColumnsType<Unit> = [
  { title: '单位编码', dataIndex: 'code', width: 160 },
  { title: '单位名称', dataIndex: 'name' },
  { title: '单位类别', dataIndex: 'kind', width: 160, render: (kind: Unit['kind']) => unitKindLabels[kind] },
  {
    title: '进驻政务服务中心',
    dataIndex: 'onboard',
    width: 160,
    render: (onboard: boolean) => (onboard ? <Tag color="green">已进驻</Tag> : <Typography.Text type="secondary">未进驻</Typography.Text>),
  },
]


export default function UnitsPage() {
  const [query, setQuery, reset] = useUrlFilters(unitListQuery)
  const { q, kind, page, pageSize } = query
  const [keyword, setKeyword] = useState(q ?? '')
  const { data, error, loading, reload } = useRequest((signal) => listUnits(query, signal), [q, kind, page, pageSize])

  // The back button changes the address under the search box; keep the box showing what is searched.
  useEffect(() => setKeyword(q ?? ''), [q])

  // A page past the end (units removed since the link was made): go to the last page that has rows.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) {
      setQuery({ page: Math.ceil(data.total / pageSize) })
    }
    // setQuery is rebuilt on every render; it is only the way out, not an input.
  }, [data, page, pageSize])

  return (
    <Card title="单位管理">
      <FilterBar
        onSearch={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        searchId="units-search-submit"
        onReset={() => {
          setKeyword('')
          reset()
        }}
        resetId="units-reset"
      >
        <Input
          id="units-search"
          placeholder="按单位名称或编码搜索"
          prefix={<SearchOutlined />}
          allowClear
          value={keyword}
          maxLength={50}
          style={{ width: 260 }}
          onChange={(event) => setKeyword(event.target.value)}
          onPressEnter={() => setQuery({ q: keyword.trim() || undefined, page: 1 })}
        />
        <Select
          id="units-kind-filter"
          placeholder="全部类别"
          allowClear
          options={kindOptions}
          value={kind}
          style={{ width: 180 }}
          onChange={(value?: UnitListQuery['kind']) => setQuery({ kind: value, page: 1 })}
        />
      </FilterBar>
      <LoadError error={error} onRetry={reload} testId="units-error" style={{ marginBottom: 16 }} />
      <Table<Unit>
        data-testid="units-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 个单位`,
          onChange: (nextPage, nextSize) => setQuery({ page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize }),
        }}
      />
    </Card>
  )
}
