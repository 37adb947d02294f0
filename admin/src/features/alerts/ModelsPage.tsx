/*
 * 自主建模 (/alerts/models): the models with their kind, thresholds and state; create, edit, dry-run, enable/disable.
 * Stable ids for browser flows:
 *   #model-create, [data-testid=models-table], [data-testid=models-error], per row #model-<name>-edit and the switch
 *   #model-<name>-enabled, [data-testid=model-toggle-error]; the editor's ids are listed in ModelEditor.tsx.
 */
import { modelKindLabels, type ModelKind } from '@msjd/shared'
import { Alert, Button, Card, Switch, Table, Tag, Typography, message, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'
import { listModels, setModelEnabled, type AlertModel } from './api'
import { stageLabels } from './labels'
import { ModelEditor } from './ModelEditor'
import { numberParams, obstructionResultOptions } from './modelForm'

function paramsText(model: AlertModel): string {
  const p = model.params
  if (model.kind === 'collision') {
    const on = Array.isArray(p.on) ? (p.on as { left: string; right: string }[]).map((pair) => `${pair.left}=${pair.right}`).join('、') : ''
    const conditions = Array.isArray(p.conditions) ? p.conditions.length : 0
    return `${String(p.left)} × ${String(p.right)}，关联 ${on}${conditions ? `，${conditions} 个比对条件` : ''}`
  }
  const specs = numberParams[model.kind as ModelKind] ?? []
  const parts = specs.filter((s) => p[s.name] !== undefined).map((s) => `${s.label.replace(/（.*）/, '')} ${String(p[s.name])}`)
  if (Array.isArray(p.results)) {
    parts.push(`结果 ${p.results.map((r) => obstructionResultOptions.find((o) => o.value === r)?.label ?? r).join('/')}`)
  }
  return parts.join('，') || '—'
}

export default function ModelsPage() {
  const { data, error, loading, reload } = useRequest(listModels, [])
  const [editing, setEditing] = useState<{ model?: AlertModel }>()
  const [toggling, setToggling] = useState<string>()
  const [toggleError, setToggleError] = useState<string>()

  const toggle = async (model: AlertModel, enabled: boolean) => {
    setToggleError(undefined)
    setToggling(model.name)
    try {
      await setModelEnabled(model.name, enabled)
      message.success(enabled ? `已启用 ${model.title}` : `已停用 ${model.title}，历史预警保留`)
      reload()
    } catch (failure) {
      setToggleError(errorText(toApiRequestError(failure)))
    } finally {
      setToggling(undefined)
    }
  }

  const columns: TableColumnsType<AlertModel> = [
    { title: '模型名称', dataIndex: 'title', width: 180 },
    { title: '标识', dataIndex: 'name', width: 170, render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
    { title: '类型', dataIndex: 'kind', width: 130, render: (kind: string) => <Tag>{modelKindLabels[kind as ModelKind] ?? kind}</Tag> },
    { title: '首次处置', dataIndex: 'startStage', width: 90, render: (stage: AlertModel['startStage']) => stageLabels[stage] },
    { title: '阈值与窗口', key: 'params', ellipsis: true, render: (_, m) => paramsText(m) },
    {
      title: '启用',
      dataIndex: 'enabled',
      width: 90,
      render: (enabled: boolean, m) => (
        <Switch id={`model-${m.name}-enabled`} checked={enabled} loading={toggling === m.name} checkedChildren="启用" unCheckedChildren="停用" onChange={(next) => toggle(m, next)} />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, m) => (
        <Button id={`model-${m.name}-edit`} size="small" onClick={() => setEditing({ model: m })}>
          编辑/试运行
        </Button>
      ),
    },
  ]

  return (
    <Card
      title="自主建模"
      extra={
        <Button id="model-create" type="primary" onClick={() => setEditing({})}>
          新建模型
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        选择模型类型，设置数据集、比对列、比较方式、阈值和统计窗口即可建模，无需编写 SQL。新模型建议先试运行查看命中情况，再启用。停用的模型不再运行，历史预警保留。
      </Typography.Paragraph>
      {toggleError ? <Alert data-testid="model-toggle-error" type="error" showIcon message={toggleError} style={{ marginBottom: 16 }} /> : null}
      <LoadError error={error} onRetry={reload} testId="models-error" style={{ marginBottom: 16 }} />
      <Table<AlertModel> data-testid="models-table" rowKey="name" columns={columns} dataSource={data} loading={loading} pagination={false} scroll={{ x: 1000 }} />
      {editing ? (
        <ModelEditor
          model={editing.model}
          existing={(data ?? []).map((m) => m.name)}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            message.success(`已保存 ${saved.title}`)
            setEditing(undefined)
            reload()
          }}
        />
      ) : null}
    </Card>
  )
}

