/*
 * 历史版本 of one model, in the model editor: every saved version (never rewritten) with who saved it, when, and how
 * many warnings it raised, and what changed between two picked versions. Ids: [data-testid=model-history],
 * #model-diff-from, #model-diff-to, [data-testid=model-diff], [data-testid=model-history-error]
 */
import { alertStageLabels, modelKindLabels, type AlertModelVersion, type ModelKind } from '@msjd/shared'
import { Alert, Select, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { errorText } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { formatTime } from '../../components/time'
import { diffModelVersions, listModelVersions } from './api'

/** A definition field's value in words: 启用/停用, the stage and kind by name, lists joined; nothing reads （无）. */
export function diffValueText(path: string, value: unknown): string {
  if (value === null || value === undefined) return '（无）'
  if (path === 'enabled') return value ? '启用' : '停用'
  if (path === 'startStage') return (alertStageLabels as Record<string, string>)[String(value)] ?? String(value)
  if (path === 'kind') return modelKindLabels[value as ModelKind] ?? String(value)
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join('、')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function VersionDiff({ model, from, to }: { model: string; from: number; to: number }) {
  const { data, error, loading } = useRequest((signal) => diffModelVersions(model, from, to, signal), [model, from, to])
  if (error) return <Alert type="error" showIcon message={errorText(error)} />
  return (
    <Table
      data-testid="model-diff"
      size="small"
      rowKey="path"
      loading={loading}
      pagination={false}
      dataSource={data?.changes}
      locale={{ emptyText: '两个版本的定义相同' }}
      columns={[
        { title: '字段', dataIndex: 'label', width: 180 },
        { title: `第 ${from} 版`, key: 'before', render: (_, c) => diffValueText(c.path, c.before) },
        { title: `第 ${to} 版`, key: 'after', render: (_, c) => <Typography.Text strong>{diffValueText(c.path, c.after)}</Typography.Text> },
      ]}
    />
  )
}

export function ModelHistory({ model }: { model: string }) {
  const { data, error, loading } = useRequest((signal) => listModelVersions(model, signal), [model])
  const [pair, setPair] = useState<{ from?: number; to?: number }>({})
  // the newest version against the one before it, once the list is there
  useEffect(() => {
    if (data && data.length >= 2) setPair({ from: data[1].version, to: data[0].version })
  }, [data])
  if (error) return <Alert data-testid="model-history-error" type="error" showIcon message={errorText(error)} />
  const options = (data ?? []).map((v) => ({ value: v.version, label: `第 ${v.version} 版（${formatTime(v.createdAt)}）` }))
  return (
    <div data-testid="model-history">
      <Table<AlertModelVersion>
        size="small"
        rowKey="version"
        loading={loading}
        dataSource={data}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number, row) => (row === data?.[0] ? <Space>第 {v} 版<Tag color="blue">当前</Tag></Space> : `第 ${v} 版`) },
          { title: '名称', dataIndex: 'title', ellipsis: true },
          { title: '状态', dataIndex: 'enabled', width: 70, render: (on: boolean) => (on ? '启用' : '停用') },
          { title: '保存时间', dataIndex: 'createdAt', width: 150, render: (at: string) => formatTime(at) },
          { title: '保存人', dataIndex: 'createdByName', width: 140, render: (name: string | null) => name ?? '系统预置' },
          { title: '产生预警', dataIndex: 'warnings', width: 90, align: 'right' },
        ]}
      />
      {data && data.length >= 2 ? (
        <>
          <Space wrap style={{ margin: '12px 0' }}>
            比较
            <Select id="model-diff-from" style={{ width: 240 }} options={options} value={pair.from} onChange={(from: number) => setPair((p) => ({ ...p, from }))} />
            与
            <Select id="model-diff-to" style={{ width: 240 }} options={options} value={pair.to} onChange={(to: number) => setPair((p) => ({ ...p, to }))} />
          </Space>
          {pair.from !== undefined && pair.to !== undefined ? <VersionDiff model={model} from={pair.from} to={pair.to} /> : null}
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          只有一个版本：保存修改后将新增版本，旧版本保留不变。
        </Typography.Paragraph>
      )}
    </div>
  )
}
