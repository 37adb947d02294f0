import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { surveyQuestionTypeLabels, surveyQuestionTypes } from '@msjd/shared'
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, message, Result, Select, Space, Spin, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { listTourRoundOptions } from '../reports/api'
import { createSurvey, getSurvey, updateSurvey } from './api'
import {
  addOption,
  emptyDraft,
  fromSurvey,
  LIMITS,
  move,
  newQuestion,
  serverIssueKey,
  toBody,
  validateDraft,
  type DraftErrors,
  type DraftQuestion,
  type QuestionType,
  type SurveyDraft,
} from './builder'
import { SURVEYS, surveyResultsPath } from './paths'
import { LoadError } from '../../components/LoadError'

const typeOptions = surveyQuestionTypes.map((t) => ({ value: t, label: surveyQuestionTypeLabels[t] }))

const fieldState = (error?: string) => (error ? { validateStatus: 'error' as const, help: error } : {})

interface QuestionEditorProps {
  question: DraftQuestion
  index: number
  count: number
  errors: DraftErrors
  onChange: (q: DraftQuestion) => void
  onMove: (step: -1 | 1) => void
  onRemove: () => void
}

function QuestionEditor({ question: q, index, count, errors, onChange, onMove, onRemove }: QuestionEditorProps) {
  const id = (suffix: string) => `survey-q-${q.id}-${suffix}`
  const choice = q.type === 'single' || q.type === 'multiple'
  const setOption = (oid: string, label: string) => onChange({ ...q, options: q.options.map((o) => (o.id === oid ? { ...o, label } : o)) })

  return (
    <Card
      size="small"
      data-testid={`survey-question-${q.id}`}
      title={`第 ${index + 1} 题`}
      extra={
        <Space size={4}>
          <Select id={id('type')} size="small" style={{ width: 140 }} value={q.type} options={typeOptions} onChange={(type: QuestionType) => onChange({ ...q, type, options: (type === 'single' || type === 'multiple') && q.options.length === 0 ? newQuestion(type, []).options : q.options })} />
          <Checkbox id={id('required')} checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })}>
            必答
          </Checkbox>
          <Button size="small" id={id('up')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} aria-label="上移" />
          <Button size="small" id={id('down')} icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(1)} aria-label="下移" />
          <Button size="small" danger id={id('remove')} icon={<DeleteOutlined />} onClick={onRemove} aria-label="删除题目" />
        </Space>
      }
    >
      <Form layout="vertical" component="div">
        <Form.Item label="题目" required {...fieldState(errors[`${q.id}.title`])}>
          <Input id={id('title')} value={q.title} maxLength={LIMITS.questionTitle} placeholder="如：您对该单位的工作作风是否满意" onChange={(e) => onChange({ ...q, title: e.target.value })} />
        </Form.Item>
        {choice && (
          <Form.Item label="选项" required {...fieldState(errors[`${q.id}.options`])}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {q.options.map((o, j) => (
                <Form.Item key={o.id} noStyle>
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      id={id(`option-${o.id}`)}
                      addonBefore={`选项 ${j + 1}`}
                      value={o.label}
                      maxLength={LIMITS.optionLabel}
                      status={errors[`${q.id}.option.${o.id}`] ? 'error' : undefined}
                      onChange={(e) => setOption(o.id, e.target.value)}
                    />
                    <Button
                      id={id(`option-${o.id}-remove`)}
                      icon={<DeleteOutlined />}
                      aria-label={`删除选项 ${j + 1}`}
                      disabled={q.options.length <= LIMITS.minOptions}
                      onClick={() => onChange({ ...q, options: q.options.filter((x) => x.id !== o.id) })}
                    />
                  </Space.Compact>
                  {errors[`${q.id}.option.${o.id}`] && (
                    <Typography.Text type="danger" data-testid="survey-option-error">
                      {errors[`${q.id}.option.${o.id}`]}
                    </Typography.Text>
                  )}
                </Form.Item>
              ))}
              <Button id={id('add-option')} type="dashed" icon={<PlusOutlined />} disabled={q.options.length >= LIMITS.maxOptions} onClick={() => onChange(addOption(q))}>
                添加选项
              </Button>
            </Space>
          </Form.Item>
        )}
        {q.type === 'multiple' && (
          <Form.Item label="最多可选（不填则不限）" {...fieldState(errors[`${q.id}.maxChoices`])}>
            <InputNumber id={id('max-choices')} min={1} max={LIMITS.maxOptions} precision={0} value={q.maxChoices} onChange={(v) => onChange({ ...q, maxChoices: v ?? null })} />
          </Form.Item>
        )}
        {q.type === 'rating' && <Typography.Text type="secondary">群众按 1 至 5 分评价，1 分最低、5 分最高。</Typography.Text>}
        {q.type === 'text' && (
          <Form.Item label="字数上限" {...fieldState(errors[`${q.id}.maxLength`])}>
            <InputNumber id={id('max-length')} min={1} max={LIMITS.textMax} precision={0} value={q.maxLength} onChange={(v) => onChange({ ...q, maxLength: v ?? 0 })} />
          </Form.Item>
        )}
      </Form>
    </Card>
  )
}

export function SurveyBuilder() {
  const { id } = useParams()
  const navigate = useNavigate()
  const existing = useRequest((signal) => (id ? getSurvey(id, signal) : Promise.resolve(undefined)), [id])
  const rounds = useRequest(listTourRoundOptions, [])
  const [draft, setDraft] = useState<SurveyDraft>(emptyDraft)
  const [addType, setAddType] = useState<QuestionType>('single')
  const [tried, setTried] = useState(false)
  const [serverErrors, setServerErrors] = useState<DraftErrors>({})
  const [serverMessage, setServerMessage] = useState<string>()
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (existing.data) setDraft(fromSurvey(existing.data))
  }, [existing.data])

  // Once staff have tried to save, the messages follow their edits instead of waiting for the next attempt.
  const errors = useMemo(() => (tried ? { ...validateDraft(draft), ...serverErrors } : serverErrors), [tried, draft, serverErrors])
  const errorList = Object.values(errors)

  const update = (next: Partial<SurveyDraft>) => {
    setServerErrors({})
    setDraft((d) => ({ ...d, ...next }))
  }
  const updateQuestion = (index: number, q: DraftQuestion) => update({ questions: draft.questions.map((x, i) => (i === index ? q : x)) })

  async function save() {
    setTried(true)
    setServerMessage(undefined)
    const problems = validateDraft(draft)
    if (Object.keys(problems).length) {
      message.error('问卷还有需要修改的地方，请按提示修改后再保存')
      return
    }
    setSaving(true)
    try {
      const body = toBody(draft)
      if (id) await updateSurvey(id, body)
      else await createSurvey(body)
      message.success('问卷草稿已保存')
      navigate(SURVEYS)
    } catch (failure) {
      const err = toApiRequestError(failure)
      const mapped: DraftErrors = {}
      for (const issue of err.issues) {
        const key = serverIssueKey(draft, issue.path)
        if (key && !mapped[key]) mapped[key] = issue.message
      }
      setServerErrors(mapped)
      setServerMessage(errorText(err))
    } finally {
      setSaving(false)
    }
  }

  if (id && existing.loading && !existing.data) return <Spin style={{ display: 'block', margin: 48 }} />
  if (id && existing.error) return <LoadError error={existing.error} onRetry={existing.reload} />
  if (existing.data && existing.data.status !== 'draft') {
    return (
      <Result
        status="info"
        title="问卷已发布，题目不能再修改"
        extra={
          <Space>
            <Button onClick={() => navigate(SURVEYS)}>返回列表</Button>
            <Button type="primary" onClick={() => navigate(surveyResultsPath(existing.data!.id))}>
              查看结果
            </Button>
          </Space>
        }
      />
    )
  }

  return (
    <Card title={id ? '编辑问卷' : '新建问卷'} extra={<Link to={SURVEYS}>返回列表</Link>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {serverMessage && <Alert type="error" showIcon message={serverMessage} />}
        {errorList.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="survey-errors"
            id="survey-errors"
            message={`还有 ${errorList.length} 处需要修改`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {errorList.slice(0, 10).map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
          />
        )}
        <Form layout="vertical" component="div">
          <Form.Item label="问卷标题" required {...fieldState(errors.title)}>
            <Input id="survey-title" value={draft.title} maxLength={LIMITS.title} showCount placeholder="如：第一轮巡察群众满意度调查" onChange={(e) => update({ title: e.target.value })} />
          </Form.Item>
          <Form.Item label="巡察轮次" extra={rounds.error ? '无法读取巡察轮次，可不关联' : undefined}>
            <Select
              id="survey-round"
              allowClear
              placeholder="不关联轮次"
              loading={rounds.loading}
              options={rounds.data ?? []}
              value={draft.tourRoundId ?? undefined}
              onChange={(v?: string) => update({ tourRoundId: v ?? null })}
              style={{ maxWidth: 360 }}
            />
          </Form.Item>
          <Form.Item label="问卷说明" {...fieldState(errors.intro)}>
            <Input.TextArea id="survey-intro" rows={3} value={draft.intro} maxLength={LIMITS.intro} showCount placeholder="向群众说明调研目的、匿名填写等" onChange={(e) => update({ intro: e.target.value })} />
          </Form.Item>
        </Form>
        {errors.questions && <Typography.Text type="danger">{errors.questions}</Typography.Text>}
        {draft.questions.map((q, i) => (
          <QuestionEditor
            key={q.id}
            question={q}
            index={i}
            count={draft.questions.length}
            errors={errors}
            onChange={(next) => updateQuestion(i, next)}
            onMove={(step) => update({ questions: move(draft.questions, i, step) })}
            onRemove={() => update({ questions: draft.questions.filter((x) => x.id !== q.id) })}
          />
        ))}
        <Space>
          <Select id="survey-add-type" style={{ width: 160 }} value={addType} options={typeOptions} onChange={setAddType} />
          <Button
            id="survey-add-question"
            type="dashed"
            icon={<PlusOutlined />}
            disabled={draft.questions.length >= LIMITS.questions}
            onClick={() => update({ questions: [...draft.questions, newQuestion(addType, draft.questions)] })}
          >
            添加题目
          </Button>
        </Space>
        <Space>
          <Button id="survey-save" type="primary" loading={saving} onClick={save}>
            保存草稿
          </Button>
          <Button id="survey-cancel" onClick={() => navigate(SURVEYS)}>
            取消
          </Button>
          <Typography.Text type="secondary">保存后在列表中发布；发布后题目不能再修改。</Typography.Text>
        </Space>
      </Space>
    </Card>
  )
}
