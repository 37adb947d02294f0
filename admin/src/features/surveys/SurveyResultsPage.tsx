import { DownloadOutlined } from '@ant-design/icons'
import { surveyQuestionTypeLabels } from '@msjd/shared'
import { Button, Card, Col, Empty, message, Row, Space, Spin, Statistic, Table, Typography } from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { errorText, toApiRequestError } from '../../api/client'
import { useRequest } from '../../api/useRequest'
import { downloadSurveyExport, getSurvey, getSurveyResults } from './api'
import { hasChart, type ResultQuestion } from './charts'
import { SURVEYS } from './paths'
import { SurveyChart } from './SurveyChart'
import { SurveyStatusTag } from './SurveyList'
import { LoadError } from '../../components/LoadError'

function TextAnswers({ question, index }: { question: ResultQuestion; index: number }) {
  const rows = (question.texts ?? []).map((text, i) => ({ key: i, n: i + 1, text }))
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {index + 1}. {question.title}
      </Typography.Title>
      <Typography.Text type="secondary">{question.answered} 人作答</Typography.Text>
      <Table
        data-testid={`survey-texts-${question.id}`}
        id={`survey-texts-${question.id}`}
        size="small"
        style={{ marginTop: 8 }}
        columns={[
          { title: '序号', dataIndex: 'n', width: 70 },
          { title: '回答内容', dataIndex: 'text', render: (t: string) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{t}</Typography.Paragraph> },
        ]}
        dataSource={rows}
        locale={{ emptyText: '暂无文字回答' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 条` }}
      />
    </div>
  )
}

export function SurveyResultsPage() {
  const { id = '' } = useParams()
  const survey = useRequest((signal) => getSurvey(id, signal), [id])
  const results = useRequest((signal) => getSurveyResults(id, signal), [id])
  const [exporting, setExporting] = useState(false)

  async function exportXlsx() {
    setExporting(true)
    try {
      const name = await downloadSurveyExport(id, `${results.data?.title ?? '问卷'}_结果.xlsx`)
      message.success(`已导出 ${name}`)
    } catch (failure) {
      message.error(errorText(toApiRequestError(failure)))
    } finally {
      setExporting(false)
    }
  }

  const error = survey.error ?? results.error
  if (error) return <LoadError error={error} onRetry={() => (survey.reload(), results.reload())} />
  if (!results.data) return <Spin style={{ display: 'block', margin: 48 }} />
  const r = results.data

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {r.title}
            {survey.data && <SurveyStatusTag status={survey.data.status} />}
          </Space>
        }
        extra={
          <Space>
            <Link to={SURVEYS}>返回列表</Link>
            <Button id="survey-export" icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
              导出 Excel
            </Button>
          </Space>
        }
      >
        <Row gutter={24}>
          <Col>
            <Statistic title="答卷数" value={r.answerCount} valueRender={(v) => <span data-testid="survey-answer-count">{v}</span>} />
          </Col>
          <Col>
            <Statistic title="题目数" value={r.questions.length} />
          </Col>
          {survey.data?.roundName && (
            <Col>
              <Statistic title="巡察轮次" value={survey.data.roundName} />
            </Col>
          )}
        </Row>
      </Card>
      {r.answerCount === 0 && (
        <Card>
          <Empty description="还没有群众提交答卷" />
        </Card>
      )}
      {r.questions.map((q, i) => (
        <Card key={q.id} size="small" title={`第 ${i + 1} 题 · ${surveyQuestionTypeLabels[q.type]}`}>
          {hasChart(q) ? <SurveyChart question={q} index={i} /> : <TextAnswers question={q} index={i} />}
        </Card>
      ))}
    </Space>
  )
}
