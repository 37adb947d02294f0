/*
 * Generic data sets for collision models (数据碰撞): declare one (columns with types, key column, resident-ID column)
 * and import files into it with the same cleaning report as service cases. Ids:
 *   #dataset-create, [data-testid=datasets-table], [data-testid=datasets-error], per row #dataset-<name>-rows,
 *   #dataset-<name>-import and #dataset-<name>-edit; rows drawer [data-testid=dataset-rows] (#dataset-rows-reveal: supervisors);
 *   import: [data-testid=dataset-import-panel] with the FileImport ids prefixed `dataset-import-`;
 *   declaration drawer: [data-testid=dataset-editor], #dataset-form (fields #dataset-form_name, #dataset-form_label,
 *   #dataset-form_columns_<i>_name|label|type|required, #dataset-form_keyColumn, #dataset-form_residentIdColumn),
 *   #dataset-add-column, #dataset-save, [data-testid=dataset-form-error]
 */
import { datasetColumnTypeLabels, datasetColumnTypes, datasetDeclarationBody, datasetNameParam, type DatasetColumnType } from '@msjd/shared'
import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Space, Table, Typography, message, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { LoadError } from '../../components/LoadError'
import { declareDataset, downloadDatasetTemplate, listDatasetRows, listDatasets, revealDatasetRows, uploadDataset, type Dataset } from './api'
import { useCurrentUser } from '../auth/AuthProvider'
import { FileImport } from './FileImport'

interface ColumnValues {
  name?: string
  label?: string
  type?: DatasetColumnType
  required?: boolean
}
interface DeclarationValues {
  name?: string
  label?: string
  columns?: ColumnValues[]
  keyColumn?: string
  residentIdColumn?: string
}

const formFields = ['label', 'columns', 'keyColumn', 'residentIdColumn']

/** The declaration as the route's body; `null` resident-ID column when none is picked. */
export function declarationBody(values: DeclarationValues) {
  return {
    label: values.label ?? '',
    columns: (values.columns ?? []).map((c) => ({ name: c?.name?.trim() ?? '', label: c?.label ?? '', type: c?.type, required: !!c?.required })),
    keyColumn: values.keyColumn ?? '',
    residentIdColumn: values.residentIdColumn || null,
  }
}

const ROWS_PAGE_SIZE = 20

function DatasetRows({ dataset, onClose }: { dataset: Dataset; onClose: () => void }) {
  const [page, setPage] = useState(1)
  const user = useCurrentUser()
  const { data, error, loading } = useRequest((signal) => listDatasetRows(dataset.name, { page, pageSize: ROWS_PAGE_SIZE }, signal), [dataset.name, page])
  // resident IDs read masked; a supervisor may show one page in full (each time audited)
  const [revealed, setRevealed] = useState<{ page: number; items: NonNullable<typeof data>['items'] }>()
  const [revealing, setRevealing] = useState(false)
  const [revealError, setRevealError] = useState<string>()
  const reveal = async () => {
    setRevealing(true)
    setRevealError(undefined)
    try {
      setRevealed({ page, items: (await revealDatasetRows(dataset.name, { page, pageSize: ROWS_PAGE_SIZE })).items })
    } catch (failure) {
      setRevealError(errorText(toApiRequestError(failure)))
    } finally {
      setRevealing(false)
    }
  }
  const shown = revealed?.page === page ? revealed.items : data?.items
  return (
    <Drawer open width={960} title={`${dataset.label} · 已导入数据`} onClose={onClose} data-testid="dataset-rows">
      {error ? <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      {user.role === 'supervisor' ? (
        <Space style={{ marginBottom: 12 }}>
          <Button id="dataset-rows-reveal" size="small" loading={revealing} disabled={revealed?.page === page} onClick={reveal}>
            {revealed?.page === page ? '本页已显示完整证件号码' : '显示本页完整证件号码'}
          </Button>
          <Typography.Text type="secondary">每次查看记入审计日志</Typography.Text>
          {revealError ? <Typography.Text type="danger">{revealError}</Typography.Text> : null}
        </Space>
      ) : null}
      <Table
        size="small"
        rowKey={(row: { key: string; values: Record<string, string | null> }) => `${row.key}|${JSON.stringify(row.values)}`}
        loading={loading}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        columns={dataset.columns.map((c) => ({ title: c.label, key: c.name, render: (_: unknown, row: { values: Record<string, string | null> }) => row.values[c.name] ?? '—' }))}
        pagination={{ current: page, pageSize: ROWS_PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, showTotal: (total) => `共 ${total} 行`, onChange: setPage }}
      />
    </Drawer>
  )
}

function DatasetEditor({ dataset, existing, onClose, onSaved }: { dataset?: Dataset; existing: string[]; onClose: () => void; onSaved: (d: Dataset) => void }) {
  const creating = !dataset
  const [form] = Form.useForm<DeclarationValues>()
  const [banner, setBanner] = useState<string>()
  const [saving, setSaving] = useState(false)
  const columns = (Form.useWatch('columns', form) ?? []) as ColumnValues[]
  const columnOptions = columns.filter((c) => c?.name).map((c) => ({ value: c.name!.trim(), label: `${c.label ?? ''}（${c.name}）` }))
  const locked = !!dataset && dataset.rowCount > 0

  const save = async () => {
    setBanner(undefined)
    try {
      await form.validateFields()
    } catch {
      return
    }
    const values = form.getFieldsValue(true) as DeclarationValues
    const name = (creating ? values.name : dataset.name)?.trim() ?? ''
    const parsed = datasetDeclarationBody.safeParse(declarationBody(values))
    const issues = parsed.success ? [] : parsed.error.issues
    const onFields = issues.filter((i) => formFields.includes(String(i.path[0])) && i.path.length > 0)
    const fields = onFields.map((i) => ({ name: i.path.map((s) => (typeof s === 'symbol' ? String(s) : s)) as (string | number)[], errors: [i.message] }))
    if (creating && existing.includes(name)) fields.push({ name: ['name'], errors: ['数据集标识已存在，请换一个'] })
    const rest = issues.filter((i) => !onFields.includes(i)).map((i) => i.message)
    if (fields.length > 0 || rest.length > 0 || !parsed.success) {
      form.setFields(fields as Parameters<typeof form.setFields>[0])
      if (rest.length > 0) setBanner(rest.join('；'))
      return
    }
    setSaving(true)
    try {
      onSaved(await declareDataset(name, parsed.data))
    } catch (failure) {
      const error = toApiRequestError(failure)
      const mine = error.issues.filter((i) => formFields.includes(i.path.split('.')[0]))
      form.setFields(
        mine.map((i) => ({ name: i.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors: [i.message] })) as Parameters<typeof form.setFields>[0],
      )
      const others = error.issues.filter((i) => !mine.includes(i))
      if (mine.length === 0 || others.length > 0) setBanner(others.length > 0 ? others.map((i) => i.message).join('；') : errorText(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open
      width={820}
      title={creating ? '声明数据集' : `修改数据集：${dataset.label}`}
      onClose={onClose}
      data-testid="dataset-editor"
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button id="dataset-save" type="primary" loading={saving} onClick={save}>
            保存
          </Button>
        </Space>
      }
    >
      {banner ? <Alert data-testid="dataset-form-error" type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      {locked ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`已导入 ${dataset.rowCount} 行：只能修改中文表头和是否必填。`} />
      ) : null}
      <Form
        form={form}
        name="dataset-form"
        layout="vertical"
        initialValues={
          dataset
            ? { name: dataset.name, label: dataset.label, columns: dataset.columns, keyColumn: dataset.keyColumn, residentIdColumn: dataset.residentIdColumn ?? undefined }
            : { columns: [{ type: 'text', required: true }] }
        }
      >
        <Space wrap align="start">
          <Form.Item
            name="name"
            label="数据集标识"
            extra="英文小写字母、数字和下划线，保存后不可修改"
            rules={creating ? [{ required: true, message: '请填写数据集标识' }, zodRule(datasetNameParam.shape.name)] : []}
          >
            <Input style={{ width: 240 }} disabled={!creating} maxLength={63} placeholder="如 village_cadres" />
          </Form.Item>
          <Form.Item name="label" label="数据集名称" rules={[{ required: true, whitespace: true, message: '请填写数据集名称' }]}>
            <Input style={{ width: 280 }} maxLength={100} placeholder="如 村干部名册" />
          </Form.Item>
        </Space>
        <Typography.Text strong>列（文件表头用英文列名或中文表头均可）</Typography.Text>
        <Form.List name="columns">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请填写列名' }]}>
                    <Input style={{ width: 170 }} placeholder="列名，如 id_no" disabled={locked} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写中文表头' }]}>
                    <Input style={{ width: 170 }} placeholder="中文表头，如 身份证号码" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'type']} rules={[{ required: true, message: '请选择类型' }]}>
                    <Select style={{ width: 130 }} disabled={locked} options={datasetColumnTypes.map((t) => ({ value: t, label: datasetColumnTypeLabels[t] }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'required']} valuePropName="checked">
                    <Checkbox>必填</Checkbox>
                  </Form.Item>
                  {!locked && fields.length > 1 ? (
                    <Button type="link" danger onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              {!locked ? (
                <Button id="dataset-add-column" type="dashed" onClick={() => add({ type: 'text', required: false })} disabled={fields.length >= 60} style={{ margin: '8px 0 16px' }}>
                  添加列
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
        <Space wrap>
          <Form.Item name="keyColumn" label="主键列（同一主键后导入的行覆盖先导入的）" rules={[{ required: true, message: '请选择主键列' }]}>
            <Select style={{ width: 260 }} options={columnOptions} disabled={locked} placeholder="选择列" />
          </Form.Item>
          <Form.Item name="residentIdColumn" label="身份证号码列（可不选）">
            <Select style={{ width: 260 }} allowClear options={columnOptions} disabled={locked} placeholder="不含身份证号码" />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  )
}

export function DatasetsPanel() {
  const { data, error, loading, reload } = useRequest(listDatasets, [])
  const [editing, setEditing] = useState<{ dataset?: Dataset }>()
  const [importing, setImporting] = useState<Dataset>()
  const [viewing, setViewing] = useState<Dataset>()

  const columns: TableColumnsType<Dataset> = [
    { title: '数据集名称', dataIndex: 'label', width: 180 },
    { title: '标识', dataIndex: 'name', width: 180, render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
    {
      title: '列',
      dataIndex: 'columns',
      ellipsis: true,
      render: (cols: Dataset['columns']) => cols.map((c) => `${c.label}（${datasetColumnTypeLabels[c.type]}）`).join('、'),
    },
    { title: '主键列', dataIndex: 'keyColumn', width: 120 },
    { title: '行数', dataIndex: 'rowCount', width: 90 },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      render: (_, d) => (
        <Space size={4}>
          <Button id={`dataset-${d.name}-rows`} size="small" onClick={() => setViewing(d)}>
            查看
          </Button>
          <Button id={`dataset-${d.name}-import`} size="small" type="primary" onClick={() => setImporting(d)}>
            导入数据
          </Button>
          <Button id={`dataset-${d.name}-edit`} size="small" onClick={() => setEditing({ dataset: d })}>
            修改
          </Button>
        </Space>
      ),
    },
  ]

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>数据集供数据碰撞模型比对使用（如残疾证名册与村干部名册），先声明列，再导入文件。</Typography.Text>
        <Button id="dataset-create" onClick={() => setEditing({})}>
          声明数据集
        </Button>
      </Space>
      <LoadError error={error} onRetry={reload} testId="datasets-error" style={{ marginBottom: 16 }} />
      <Table<Dataset> data-testid="datasets-table" rowKey="name" size="small" columns={columns} dataSource={data} loading={loading} pagination={false} />
      {importing ? (
        <div data-testid="dataset-import-panel" style={{ marginTop: 24 }}>
          <Typography.Title level={5}>
            导入到：{importing.label}（{importing.name}）
          </Typography.Title>
          <FileImport
            key={importing.name}
            idPrefix="dataset-import"
            prompt={`点击或拖拽“${importing.label}”数据文件到此处`}
            upload={(file, onProgress) => {
              const handle = uploadDataset(importing.name, file, onProgress)
              // The row count in the list changes with the import.
              handle.result.then(reload, () => undefined)
              return handle
            }}
            fieldText={(field) => {
              const column = importing.columns.find((c) => c.name === field)
              return column ? `${column.label}（${field}）` : field
            }}
            downloadTemplate={(format) => downloadDatasetTemplate(importing.name, importing.label, format)}
          />
        </div>
      ) : null}
      {viewing ? <DatasetRows dataset={viewing} onClose={() => setViewing(undefined)} /> : null}
      {editing ? (
        <DatasetEditor
          dataset={editing.dataset}
          existing={(data ?? []).map((d) => d.name)}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            message.success(`已保存数据集 ${saved.label}`)
            setEditing(undefined)
            reload()
          }}
        />
      ) : null}
    </>
  )
}
