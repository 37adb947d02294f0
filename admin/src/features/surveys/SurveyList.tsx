import { PlusOutlined } from '@ant-design/icons'
import { surveyStatuses, surveyStatusLabels } from '@msjd/shared'
import { Alert, Button, Card, message, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { closeSurvey, deleteSurvey, listSurveys, publishSurvey, type Survey, type SurveyStatus } from './api'
import { fromSurvey, validateDraft } from './builder'
import { SURVEYS, surveyEditPath, surveyResultsPath } from './paths'
import { formatTime } from '../../components/time'

const statusColors: Record<SurveyStatus, string> = { draft: 'default', published: 'green', closed: 'blue' }

export function SurveyStatusTag({ status }: { status: SurveyStatus }) {
  return (
    <Tag color={statusColors[status]} data-status={status}>
      {surveyStatusLabels[status]}
    </Tag>
  )
}

const time = formatTime

export function SurveyList() {
  const navigate = useNavigate()
  const [status, setStatus] = useState<SurveyStatus | undefined>()
  const [page, setPage] = useState({ page: 1, pageSize: 20 })
  const [busy, setBusy] = useState<string | null>(null)
  const { data, error, loading, reload } = useRequest((signal) => listSurveys({ status, ...page }, signal), [status, page.page, page.pageSize])

  async function act(id: string, run: () => Promise<unknown>, done: string) {
    setBusy(id)
    try {
      await run()
      message.success(done)
      reload()
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setBusy(null)
    }
  }

  function publish(s: Survey) {
    // The server refuses an empty survey too; saying so here names what to do about it.
    const problems = Object.values(validateDraft(fromSurvey(s), { forPublish: true }))
    if (problems.length) {
      message.error(`不能发布：${problems[0]}，请先编辑问卷`)
      return
    }
    void act(s.id, () => publishSurvey(s.id), '问卷已发布，群众可在小程序中填写')
  }

  const columns: TableColumnsType<Survey> = [
    {
      title: '问卷标题',
      dataIndex: 'title',
      render: (title: string, s) =>
        s.status === 'draft' ? <Link to={surveyEditPath(s.id)}>{title}</Link> : <Link to={surveyResultsPath(s.id)}>{title}</Link>,
    },
    { title: '巡察轮次', dataIndex: 'roundName', width: 200, render: (name: string | null) => name ?? <Typography.Text type="secondary">不限轮次</Typography.Text> },
    { title: '题数', key: 'questions', width: 70, render: (_, s) => s.questions.length },
    { title: '状态', dataIndex: 'status', width: 90, render: (st: SurveyStatus) => <SurveyStatusTag status={st} /> },
    { title: '答卷数', dataIndex: 'answerCount', width: 90, render: (n: number) => <span data-testid="survey-answer-cell">{n}</span> },
    { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: time },
    { title: '结束时间', dataIndex: 'closedAt', width: 150, render: time },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, s) => (
        <Space size={0} wrap>
          {s.status === 'draft' && (
            <>
              <Button type="link" size="small" id={`survey-edit-${s.id}`} onClick={() => navigate(surveyEditPath(s.id))}>
                编辑
              </Button>
              <Popconfirm
                title="发布后题目不能再修改，确定发布？"
                okText="发布"
                okButtonProps={{ id: 'survey-publish-confirm' }}
                onConfirm={() => publish(s)}
              >
                <Button type="link" size="small" id={`survey-publish-${s.id}`} loading={busy === s.id}>
                  发布
                </Button>
              </Popconfirm>
              <Popconfirm
                title="删除这份草稿？"
                okText="删除"
                okButtonProps={{ id: 'survey-delete-confirm', danger: true }}
                onConfirm={() => act(s.id, () => deleteSurvey(s.id), '草稿已删除')}
              >
                <Button type="link" size="small" danger id={`survey-delete-${s.id}`}>
                  删除
                </Button>
              </Popconfirm>
            </>
          )}
          {s.status !== 'draft' && (
            <Button type="link" size="small" id={`survey-results-${s.id}`} onClick={() => navigate(surveyResultsPath(s.id))}>
              结果
            </Button>
          )}
          {s.status === 'published' && (
            <Popconfirm
              title="结束后群众不能再填写，确定结束？"
              okText="结束"
              okButtonProps={{ id: 'survey-close-confirm' }}
              onConfirm={() => act(s.id, () => closeSurvey(s.id), '问卷已结束')}
            >
              <Button type="link" size="small" id={`survey-close-${s.id}`} loading={busy === s.id}>
                结束
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <Card
      title="巡察调研"
      extra={
        <Button type="primary" icon={<PlusOutlined />} id="survey-create" onClick={() => navigate(`${SURVEYS}/new`)}>
          新建问卷
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Select
          id="survey-status-filter"
          placeholder="全部状态"
          allowClear
          style={{ width: 140 }}
          value={status}
          options={surveyStatuses.map((s) => ({ value: s, label: surveyStatusLabels[s] }))}
          onChange={(v?: SurveyStatus) => {
            setStatus(v)
            setPage((p) => ({ ...p, page: 1 }))
          }}
        />
      </Space>
      {error && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 16 }} />}
      <Table<Survey>
        data-testid="survey-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无问卷，点击“新建问卷”开始' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 份`,
          onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
        }}
      />
    </Card>
  )
}
