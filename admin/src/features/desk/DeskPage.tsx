import { deskFigureLabels, deskTodoLabels, reportEventLabels, reportStatusLabels, type DeskResponse } from '@msjd/shared'
import { staffRoleLabels } from '@msjd/shared/auth'
import { Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { useRequest } from '../../api/useRequest'
import { formatTime } from '../../components/time'
import { useCurrentUser } from '../auth/AuthProvider'
import { getDesk, todoLinks } from './api'
import { LoadError } from '../../components/LoadError'

const warnKeys = new Set(['overdue', 'due_soon'])

function figureValue(f: DeskResponse['figures'][number]) {
  if (f.kind === 'count') return String(f.value ?? 0)
  return f.value === null ? '—' : `${(f.value * 100).toFixed(1)}%`
}

/** 工作台: the landing page of every role — what waits on me (each count opens its list), my recent work, my figures. */
export default function DeskPage() {
  const user = useCurrentUser()
  const navigate = useNavigate()
  const { data, error, loading, reload } = useRequest((signal) => getDesk(signal), [user.id])

  if (error && !data) {
    return <LoadError error={error} onRetry={reload} testId="desk-error" />
  }
  if (!data) return <Skeleton active />

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="desk">
      <Card
        title={`待办事项 · ${staffRoleLabels[user.role]}`}
        extra={<Typography.Text type="secondary">今天 {data.today}（北京时间）</Typography.Text>}
        loading={loading && !data}
      >
        <Row gutter={[16, 16]}>
          {data.todos.map((todo) => (
            <Col key={todo.key} xs={12} md={8} xl={4}>
              <Card
                hoverable
                size="small"
                onClick={() => navigate(todoLinks[todo.key])}
                data-testid={`desk-todo-${todo.key}`}
                id={`desk-todo-${todo.key}`}
              >
                <Statistic
                  title={deskTodoLabels[todo.key]}
                  value={todo.count}
                  valueStyle={warnKeys.has(todo.key) && todo.count > 0 ? { color: todo.key === 'overdue' ? '#cf1322' : '#d48806' } : undefined}
                  suffix={<span style={{ fontSize: 14 }}>{todo.key === 'group_warnings' ? '条' : todo.key.startsWith('rectification') ? '项' : '件'}</span>}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="我最近办理" data-testid="desk-recent">
            {data.recent.length === 0 ? (
              <Empty description="还没有办理记录" />
            ) : (
              <List
                dataSource={data.recent}
                renderItem={(item) => (
                  <List.Item extra={<Typography.Text type="secondary">{formatTime(item.at)}</Typography.Text>}>
                    <List.Item.Meta
                      title={
                        <Space size={8}>
                          <Link to={`/reports/${item.id}`}>{item.serial}</Link>
                          <Tag>{reportStatusLabels[item.status]}</Tag>
                          <Typography.Text type="secondary">{reportEventLabels[item.lastAction] ?? item.lastAction}</Typography.Text>
                        </Space>
                      }
                      description={<Typography.Text ellipsis style={{ maxWidth: 520 }}>{item.summary}</Typography.Text>}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="本角色考核指标" extra={<Typography.Text type="secondary">{data.figuresFrom} 至今</Typography.Text>} data-testid="desk-figures">
            <Row gutter={[16, 16]}>
              {data.figures.map((f) => (
                <Col key={f.key} span={12}>
                  <Tooltip title={f.kind === 'rate' ? `${f.numerator ?? 0} / ${f.denominator ?? 0}` : undefined}>
                    <Statistic title={deskFigureLabels[f.key]} value={figureValue(f)} data-testid={`desk-figure-${f.key}`} />
                  </Tooltip>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </Space>
  )
}
