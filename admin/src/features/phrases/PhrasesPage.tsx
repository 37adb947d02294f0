import {
  handlingPhraseCreateBody,
  handlingPhraseKindLabels,
  handlingPhraseKinds,
  handlingPhrasePlaceholders,
  handlingPhraseUpdateBody,
} from '@msjd/shared/phrases'
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { FormModal, type FormValues } from '../../components/FormModal'
import { tableScroll } from '../../components/tableScroll'
import { formatTime } from '../../components/time'
import { createPhrase, deletePhrase, listPhrases, updatePhrase, type HandlingPhrase, type HandlingPhraseKind } from './api'

const kindOptions = handlingPhraseKinds.map((kind) => ({ value: kind, label: handlingPhraseKindLabels[kind] }))
const placeholderHelp = Object.entries(handlingPhrasePlaceholders)
  .map(([name, meaning]) => `{${name}} ${meaning}`)
  .join('；')

function PhraseModal({ phrase, kind, onClose, onDone }: { phrase?: HandlingPhrase; kind?: HandlingPhraseKind; onClose: () => void; onDone: () => void }) {
  const fields = phrase ? ['title', 'body', 'sort'] : ['kind', 'title', 'body', 'sort']
  const toBody = (v: FormValues) => ({
    ...(phrase ? {} : { kind: v.kind }),
    title: typeof v.title === 'string' ? v.title : '',
    body: typeof v.body === 'string' ? v.body : '',
    sort: typeof v.sort === 'number' ? v.sort : undefined,
  })
  const form = (
    <>
      {phrase ? null : (
        <Form.Item name="kind" label="类别" required>
          <Select options={kindOptions} placeholder="选择用语类别" />
        </Form.Item>
      )}
      <Form.Item name="title" label="标题（选用时显示）" required>
        <Input maxLength={40} showCount />
      </Form.Item>
      <Form.Item name="body" label="内容" required extra={`可用占位符：${placeholderHelp}。选用时按该件填入，缺少的保留原样由经办人补写。`}>
        <Input.TextArea rows={6} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="sort" label="排序（小的在前）">
        <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </>
  )
  return phrase ? (
    <FormModal
      name="phrase"
      title="修改常用语"
      fields={fields}
      schema={handlingPhraseUpdateBody}
      toBody={toBody}
      submit={(body) => updatePhrase(phrase.id, body)}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ title: phrase.title, body: phrase.body, sort: phrase.sort }}
      width={640}
    >
      {form}
    </FormModal>
  ) : (
    <FormModal
      name="phrase"
      title="新增常用语"
      fields={fields}
      schema={handlingPhraseCreateBody}
      toBody={toBody}
      submit={createPhrase}
      onDone={onDone}
      onClose={onClose}
      initialValues={{ kind, sort: 100 }}
      width={640}
    >
      {form}
    </FormModal>
  )
}

/** 办理常用语: supervisors keep the presets that case staff pick from in the handling forms. */
export default function PhrasesPage() {
  const { message } = App.useApp()
  const [kind, setKind] = useState<HandlingPhraseKind>()
  const [dialog, setDialog] = useState<{ phrase?: HandlingPhrase } | undefined>()
  const { data, error, loading, reload } = useRequest((signal) => listPhrases({ kind, all: true }, signal), [kind])

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      message.success(done)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    }
  }

  const columns: TableColumnsType<HandlingPhrase> = [
    { title: '类别', dataIndex: 'kind', width: 150, render: (k: HandlingPhraseKind) => handlingPhraseKindLabels[k] },
    { title: '标题', dataIndex: 'title', width: 180 },
    { title: '内容', dataIndex: 'body', render: (body: string) => <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>{body}</Typography.Paragraph> },
    { title: '排序', dataIndex: 'sort', width: 80 },
    {
      title: '启用',
      dataIndex: 'enabled',
      width: 90,
      render: (enabled: boolean, p) => (
        <Switch
          size="small"
          checked={enabled}
          data-testid={`phrase-enabled-${p.id}`}
          onChange={(on) => act(() => updatePhrase(p.id, { enabled: on }), on ? '已启用' : '已停用，办理时不再提供')}
        />
      ),
    },
    { title: '最后修改', key: 'updated', width: 190, render: (_, p) => `${formatTime(p.updatedAt)} ${p.updatedByName ?? ''}` },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, p) => (
        <Space>
          <Button type="link" size="small" data-action="edit-phrase" onClick={() => setDialog({ phrase: p })}>
            修改
          </Button>
          <Popconfirm title="删除后不再提供；已使用过的文字仍保留在各件中。确定删除？" okText="删除" cancelText="取消" onConfirm={() => act(() => deletePhrase(p.id), '已删除')}>
            <Button type="link" size="small" danger data-action="delete-phrase">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  return (
    <Card
      title="办理常用语"
      extra={
        <Button type="primary" id="phrase-create" onClick={() => setDialog({})}>
          新增常用语
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="不予受理理由、答复模板等在办理表单中“选用常用语”处提供，选用后经办人仍可修改。停用的不再提供。"
      />
      <Space style={{ marginBottom: 16 }}>
        <Select id="phrase-kind-filter" allowClear placeholder="全部类别" style={{ width: 200 }} options={kindOptions} value={kind} onChange={setKind} />
      </Space>
      {error ? <Alert data-testid="phrases-error" type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      <Table<HandlingPhrase>
        data-testid="phrases-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={false}
        scroll={tableScroll(columns)}
        rowClassName={(p) => (p.enabled ? '' : 'phrase-disabled')}
        locale={{ emptyText: '暂无常用语' }}
      />
      {data ? <Typography.Text type="secondary">共 {data.items.length} 条{data.items.some((p) => !p.enabled) ? <Tag style={{ marginLeft: 8 }}>含已停用</Tag> : null}</Typography.Text> : null}
      {dialog ? (
        <PhraseModal
          phrase={dialog.phrase}
          kind={kind}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined)
            message.success('已保存')
            reload()
          }}
        />
      ) : null}
    </Card>
  )
}
