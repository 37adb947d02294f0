/*
 * Create / edit one model (自主建模), with a dry run on current data. Ids:
 *   [data-testid=model-editor], #model-form (fields #model-form_name, #model-form_kind, #model-form_title,
 *   #model-form_startStage, #model-form_enabled, #model-form_params_<param>, collision: #model-form_params_left,
 *   #model-form_params_right, #model-form_params_on_<i>_left|right, #model-form_params_conditions_<i>_a|op|mode|bColumn|bValue,
 *   #model-form_params_unit, #model-add-join, #model-add-condition), [data-testid=model-form-error], #model-save,
 *   #model-dry-run-as-of, #model-dry-run, [data-testid=model-dry-run-result], [data-testid=model-dry-run-hits],
 *   [data-testid=model-dry-run-samples], [data-testid=model-dry-run-error]; 历史版本 (editing): see ModelHistory.tsx
 */
import { collisionOpLabels, collisionOps, modelKindLabels, modelKinds, modelNameParam, type ModelDefinitionInput, type ModelKind } from '@msjd/shared'
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { createModel, dryRunModel, listDatasets, saveModel, type AlertModel, type Dataset, type ModelDryRunResponse } from './api'
import { stageLabels, subjectText, unitText, useUnitsByCode, valuesSummary } from './labels'
import { collisionHitLabel } from './collisionLabel'
import { formFieldOf, numberParams, obstructionResultOptions, toFormValues, validateModelForm, type ModelFormValues } from './modelForm'
import { ModelHistory } from './ModelHistory'
import { todayInShanghai } from './RunsPage'

const defaultStage: Record<ModelKind, 'urge' | 'verify'> = {
  overdue: 'urge',
  low_pass_rate: 'urge',
  not_one_time: 'verify',
  unequal_treatment: 'verify',
  dissatisfied: 'urge',
  obstruction: 'verify',
  collision: 'verify',
}

/** The documented defaults (datasets.md), so a new model of a built-in kind starts from the known thresholds. */
const defaultParams: Partial<Record<ModelKind, Record<string, unknown>>> = {
  low_pass_rate: { windowDays: 90, minFinished: 20, maxPassRate: 0.6 },
  not_one_time: { minSupplements: 2 },
  unequal_treatment: { windowDays: 90, minFinished: 10, factor: 3, minMedian: 1 },
  dissatisfied: { maxRating: 2 },
  obstruction: { windowDays: 30, minCount: 3, results: ['rejected', 'returned'] },
  collision: { on: [{}], conditions: [] },
}

function columnOptions(datasets: Dataset[], leftName?: string, rightName?: string) {
  const left = datasets.find((d) => d.name === leftName)
  const right = datasets.find((d) => d.name === rightName)
  const group = (side: 'left' | 'right', d?: Dataset) =>
    d ? [{ label: `${side === 'left' ? '数据集一' : '数据集二'}：${d.label}`, options: d.columns.map((c) => ({ value: `${side}:${c.name}`, label: `${c.label}（${c.name}）` })) }] : []
  return [...group('left', left), ...group('right', right)]
}

function CollisionFields({ datasets }: { datasets: Dataset[] }) {
  const datasetOptions = datasets.map((d) => ({ value: d.name, label: `${d.label}（${d.name}，${d.rowCount} 行）` }))
  return (
    <Form.Item noStyle shouldUpdate>
      {({ getFieldValue }) => {
        const leftName: string | undefined = getFieldValue(['params', 'left'])
        const rightName: string | undefined = getFieldValue(['params', 'right'])
        const left = datasets.find((d) => d.name === leftName)
        const right = datasets.find((d) => d.name === rightName)
        const columns = columnOptions(datasets, leftName, rightName)
        return (
          <>
            <Space wrap>
              <Form.Item name={['params', 'left']} label="数据集一" rules={[{ required: true, message: '请选择数据集一' }]}>
                <Select style={{ width: 260 }} placeholder="选择数据集" options={datasetOptions} />
              </Form.Item>
              <Form.Item name={['params', 'right']} label="数据集二" rules={[{ required: true, message: '请选择数据集二' }]}>
                <Select style={{ width: 260 }} placeholder="选择数据集" options={datasetOptions} />
              </Form.Item>
            </Space>
            <Typography.Text strong>关联列（两数据集中取值相同的列，如身份证号码）</Typography.Text>
            <Form.List name={['params', 'on']}>
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                      <Form.Item name={[field.name, 'left']} rules={[{ required: true, message: '请选择数据集一的列' }]}>
                        <Select style={{ width: 200 }} placeholder="数据集一的列" options={(left?.columns ?? []).map((c) => ({ value: c.name, label: `${c.label}（${c.name}）` }))} />
                      </Form.Item>
                      <span>=</span>
                      <Form.Item name={[field.name, 'right']} rules={[{ required: true, message: '请选择数据集二的列' }]}>
                        <Select style={{ width: 200 }} placeholder="数据集二的列" options={(right?.columns ?? []).map((c) => ({ value: c.name, label: `${c.label}（${c.name}）` }))} />
                      </Form.Item>
                      {fields.length > 1 ? (
                        <Button type="link" danger onClick={() => remove(field.name)}>
                          删除
                        </Button>
                      ) : null}
                    </Space>
                  ))}
                  <Button id="model-add-join" type="dashed" onClick={() => add({})} disabled={fields.length >= 4} style={{ margin: '8px 0 16px' }}>
                    添加关联列
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
            <div>
              <Typography.Text strong>比对条件（全部满足才预警；不设条件则关联上即预警）</Typography.Text>
            </div>
            <Form.List name={['params', 'conditions']}>
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field) => {
                    const mode = getFieldValue(['params', 'conditions', field.name, 'mode'])
                    return (
                      <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                        <Form.Item name={[field.name, 'a']} rules={[{ required: true, message: '请选择要比较的列' }]}>
                          <Select style={{ width: 220 }} placeholder="列" options={columns} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'op']} rules={[{ required: true, message: '请选择比较方式' }]}>
                          <Select style={{ width: 110 }} placeholder="比较" options={collisionOps.map((op) => ({ value: op, label: collisionOpLabels[op] }))} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'mode']} initialValue="column">
                          <Radio.Group
                            optionType="button"
                            options={[
                              { value: 'column', label: '列' },
                              { value: 'value', label: '数值' },
                            ]}
                          />
                        </Form.Item>
                        {mode === 'value' ? (
                          <Form.Item name={[field.name, 'bValue']} rules={[{ required: true, whitespace: true, message: '请填写比较的数值或文字' }]}>
                            <Input style={{ width: 200 }} placeholder="数值或文字" maxLength={200} />
                          </Form.Item>
                        ) : (
                          <Form.Item name={[field.name, 'bColumn']} rules={[{ required: true, message: '请选择比较的列' }]}>
                            <Select style={{ width: 220 }} placeholder="列" options={columns} />
                          </Form.Item>
                        )}
                        <Button type="link" danger onClick={() => remove(field.name)}>
                          删除
                        </Button>
                      </Space>
                    )
                  })}
                  <Button id="model-add-condition" type="dashed" onClick={() => add({ mode: 'column' })} disabled={fields.length >= 10} style={{ margin: '8px 0 16px' }}>
                    添加比对条件
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
            <Form.Item name={['params', 'unit']} label="责任单位编码所在列（可不选）">
              <Select style={{ width: 300 }} allowClear placeholder="不指定则预警不归属单位" options={columns} />
            </Form.Item>
          </>
        )
      }}
    </Form.Item>
  )
}

function ParamFields({ kind }: { kind: ModelKind }) {
  const params = numberParams[kind] ?? []
  return (
    <>
      {params.map((p) => (
        <Form.Item key={p.name} name={['params', p.name]} label={p.label} extra={p.help}>
          <InputNumber min={p.min} max={p.max} step={p.step} precision={p.precision} style={{ width: 200 }} />
        </Form.Item>
      ))}
      {kind === 'obstruction' ? (
        <Form.Item name={['params', 'results']} label="计入的办理结果">
          <Select mode="multiple" style={{ width: 300 }} options={obstructionResultOptions} />
        </Form.Item>
      ) : null}
      {kind === 'overdue' ? <Typography.Paragraph type="secondary">办件超期模型无参数：按承诺时限（工作日）计算期限，超过即预警。</Typography.Paragraph> : null}
    </>
  )
}

function DryRunResult({ result, datasets }: { result: ModelDryRunResponse; datasets: Dataset[] }) {
  const units = useUnitsByCode()
  return (
    <div data-testid="model-dry-run-result" style={{ marginTop: 16 }}>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label="命中数">
          <span data-testid="model-dry-run-hits">{result.hits}</span>
        </Descriptions.Item>
        <Descriptions.Item label="其中将新增预警">{result.newHits}</Descriptions.Item>
      </Descriptions>
      <Table
        data-testid="model-dry-run-samples"
        size="small"
        style={{ marginTop: 8 }}
        rowKey="subject"
        pagination={false}
        dataSource={result.samples}
        locale={{ emptyText: '当前数据下无命中' }}
        columns={[
          // a collision hit by the matched rows' names (姓名, 单位 …), not by its masked keys
          { title: '对象', key: 'subject', render: (_, hit) => collisionHitLabel(hit.values, datasets) ?? subjectText(hit) },
          { title: '责任单位', dataIndex: 'unitCode', width: 180, render: (code: string | null) => (code ? unitText(units, code) : '—') },
          { title: '触发数值', dataIndex: 'values', render: (values: Record<string, unknown>) => valuesSummary(values, datasets) },
          { title: '', dataIndex: 'isNew', width: 80, render: (isNew: boolean) => (isNew ? <Tag color="red">新</Tag> : <Tag>已预警</Tag>) },
        ]}
      />
    </div>
  )
}

export function ModelEditor({ model, existing, onClose, onSaved }: { model?: AlertModel; existing: string[]; onClose: () => void; onSaved: (m: AlertModel) => void }) {
  const creating = !model
  const [form] = Form.useForm<ModelFormValues>()
  const datasets = useRequest(listDatasets, [])
  const [banner, setBanner] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [asOf, setAsOf] = useState<Dayjs | null>(dayjs(todayInShanghai()))
  const [dryRunning, setDryRunning] = useState(false)
  const [dryRun, setDryRun] = useState<ModelDryRunResponse>()
  const [dryRunError, setDryRunError] = useState<string>()
  const kind = Form.useWatch('kind', form)

  const initialValues: ModelFormValues = model ? toFormValues(model) : { kind: undefined, enabled: false }

  /** Field rules first (required selects), then the shared schema; returns the checked body or shows why not. */
  const check = async () => {
    setBanner(undefined)
    try {
      await form.validateFields()
    } catch {
      return undefined
    }
    const values = form.getFieldsValue(true) as ModelFormValues
    const name = (creating ? values.name : model?.name)?.trim() ?? ''
    const { body, fields, banner: rest } = validateModelForm(values)
    if (creating && existing.includes(name)) fields.push({ name: ['name'], errors: ['模型标识已存在，请换一个'] })
    if (fields.length > 0 || rest.length > 0) {
      form.setFields(fields)
      if (rest.length > 0) setBanner(rest.join('；'))
      return undefined
    }
    return { name, body }
  }

  const save = async () => {
    const checked = await check()
    if (!checked) return
    setSaving(true)
    try {
      onSaved(creating ? await createModel({ name: checked.name, ...checked.body } as ModelDefinitionInput) : await saveModel(checked.name, checked.body))
    } catch (failure) {
      const error = toApiRequestError(failure)
      const values = form.getFieldsValue(true) as ModelFormValues
      const onFields = error.issues
        .map((issue) => ({ issue, name: formFieldOf(issue.path.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s)), values) }))
        .filter((x) => x.name)
      form.setFields(onFields.map(({ issue, name }) => ({ name: name!, errors: [issue.message] })))
      const rest = error.issues.filter((issue) => !onFields.some((x) => x.issue === issue))
      if (onFields.length === 0 || rest.length > 0) setBanner(rest.length > 0 ? rest.map((i) => i.message).join('；') : errorText(error))
    } finally {
      setSaving(false)
    }
  }

  const runDry = async () => {
    setDryRunError(undefined)
    if (!asOf) return setDryRunError('请选择截止日期')
    const checked = await check()
    if (!checked) return
    setDryRunning(true)
    setDryRun(undefined)
    try {
      setDryRun(await dryRunModel({ name: checked.name, ...checked.body } as ModelDefinitionInput, asOf.format('YYYY-MM-DD')))
    } catch (failure) {
      setDryRunError(errorText(toApiRequestError(failure)))
    } finally {
      setDryRunning(false)
    }
  }

  return (
    <Drawer
      open
      width={860}
      title={creating ? '新建模型' : `编辑模型：${model.title}（当前第 ${model.version} 版）`}
      onClose={onClose}
      data-testid="model-editor"
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button id="model-save" type="primary" loading={saving} onClick={save}>
            保存
          </Button>
        </Space>
      }
    >
      {banner ? <Alert data-testid="model-form-error" type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        name="model-form"
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: ModelFormValues) => {
          setDryRun(undefined)
          // A new kind starts from its documented defaults and start stage.
          if (creating && changed.kind) {
            form.setFieldValue('startStage', defaultStage[changed.kind])
            form.setFieldValue('params', defaultParams[changed.kind] ?? {})
          }
        }}
      >
        <Space wrap align="start">
          <Form.Item
            name="name"
            label="模型标识"
            extra="英文小写字母、数字和下划线，保存后不可修改"
            rules={creating ? [{ required: true, message: '请填写模型标识' }, zodRule(modelNameParam.shape.name)] : []}
          >
            <Input style={{ width: 220 }} disabled={!creating} maxLength={63} placeholder="如 subsidy_area_check" />
          </Form.Item>
          <Form.Item name="kind" label="模型类型" rules={[{ required: true, message: '请选择模型类型' }]}>
            <Select style={{ width: 200 }} disabled={!creating} placeholder="选择类型" options={modelKinds.map((k) => ({ value: k, label: modelKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="title" label="模型名称" rules={[{ required: true, whitespace: true, message: '请填写模型名称' }, { max: 100, message: '模型名称不超过 100 个字' }]}>
            <Input style={{ width: 260 }} maxLength={100} placeholder="如 补贴申报面积超登记面积" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startStage" label="首次预警处置" rules={[{ required: true, message: '请选择首次预警的处置阶段' }]}>
            <Radio.Group
              options={[
                { value: 'urge', label: `${stageLabels.urge}（先督办）` },
                { value: 'verify', label: `${stageLabels.verify}（直接现场核查）` },
              ]}
            />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        </Space>
        {kind ? <Divider orientation="left">{kind === 'collision' ? '数据碰撞规则' : '阈值与窗口'}</Divider> : null}
        {kind === 'collision' ? (
          datasets.error ? (
            <Alert type="error" showIcon message={`无法读取数据集：${errorText(datasets.error)}`} />
          ) : datasets.data && datasets.data.length === 0 ? (
            <Alert type="warning" showIcon message="尚无数据集，请先在“数据导入”中声明并导入数据集" />
          ) : (
            <CollisionFields datasets={datasets.data ?? []} />
          )
        ) : kind ? (
          <ParamFields kind={kind} />
        ) : null}
      </Form>
      <Divider orientation="left">试运行</Divider>
      <Typography.Paragraph type="secondary">用当前数据按截止日期试算命中情况，不产生预警、不保存模型。</Typography.Paragraph>
      <Space wrap>
        <DatePicker id="model-dry-run-as-of" value={asOf} allowClear={false} onChange={setAsOf} />
        <Button id="model-dry-run" loading={dryRunning} onClick={runDry}>
          试运行
        </Button>
      </Space>
      {dryRunError ? <Alert data-testid="model-dry-run-error" type="error" showIcon message={dryRunError} style={{ marginTop: 16 }} /> : null}
      {dryRun ? <DryRunResult result={dryRun} datasets={datasets.data ?? []} /> : null}
      {model ? (
        <>
          <Divider orientation="left">历史版本</Divider>
          <ModelHistory model={model.name} />
        </>
      ) : null}
    </Drawer>
  )
}
