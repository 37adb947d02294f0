/*
 * 数据导入 (/alerts/imports): upload a department's export of service cases, watch the upload percentage, then read
 * the cleaning report. Stable ids for browser flows:
 *   #import-file (the file input), [data-testid=import-file-name], #import-start, #import-cancel,
 *   [data-testid=import-progress], [data-testid=import-phase], [data-testid=import-error],
 *   [data-testid=import-report], [data-testid=import-imported|import-updated|import-unchanged|import-rejected],
 *   [data-testid=import-rejections] (table of rejected rows: line, field, reason)
 */
import { InboxOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Progress, Row, Space, Statistic, Table, Typography, Upload } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { clientErrorCodes, errorText, toApiRequestError } from '../../api/client'
import { uploadServiceCases, type ImportError, type ImportResult, type UploadHandle } from './api'
import { importFieldLabels } from './labels'

const ACCEPT = '.csv,.xlsx'
const MAX_BYTES = 512 * 1024 * 1024

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'cleaning' } | { kind: 'done'; result: ImportResult } | { kind: 'failed'; message: string }

export function checkImportFile(file: File): string | undefined {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xls')) return '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传'
  if (!name.endsWith('.csv') && !name.endsWith('.xlsx')) return '请选择 CSV 或 XLSX 文件'
  if (file.size === 0) return '文件是空的'
  if (file.size > MAX_BYTES) return '文件超过 512 MB，请分批导入'
  return undefined
}

function fieldText(field: string): string {
  const label = importFieldLabels[field]
  return label ? `${label}（${field}）` : field
}

function ImportReport({ result }: { result: ImportResult }) {
  const stat = (testId: string, title: string, value: number, color?: string) => (
    <Col xs={12} md={6}>
      <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} data-testid={testId} />
    </Col>
  )
  return (
    <div data-testid="import-report" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>清洗报告</Typography.Title>
      <Row gutter={16}>
        {stat('import-imported', '新增办件', result.imported, '#389e0d')}
        {stat('import-updated', '更新办件', result.updated, '#1677ff')}
        {stat('import-unchanged', '无变化', result.unchanged)}
        {stat('import-rejected', '拒收行数', result.rejected, result.rejected > 0 ? '#cf1322' : undefined)}
      </Row>
      {result.errors.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            以下行未导入（其余行已全部入库）。请按原因修正源数据后重新导入；重复导入不会产生重复办件。
          </Typography.Paragraph>
          <Table<ImportError>
            data-testid="import-rejections"
            size="small"
            rowKey={(row) => `${row.line}-${row.field}`}
            dataSource={result.errors}
            pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 行`, showSizeChanger: false }}
            columns={[
              { title: '行号', dataIndex: 'line', width: 90 },
              { title: '字段', dataIndex: 'field', width: 220, render: fieldText },
              { title: '原因', dataIndex: 'reason' },
            ]}
          />
        </>
      ) : (
        <Alert type="success" showIcon style={{ marginTop: 16 }} message="全部行均已通过清洗" />
      )}
    </div>
  )
}

export default function ImportsPage() {
  const [file, setFile] = useState<File>()
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [pickError, setPickError] = useState<string>()
  const upload = useRef<UploadHandle<ImportResult>>()
  useEffect(() => () => upload.current?.abort(), [])

  const busy = phase.kind === 'uploading' || phase.kind === 'cleaning'

  const start = () => {
    if (!file) return
    setPhase({ kind: 'uploading', percent: 0 })
    const handle = uploadServiceCases(file, (percent) =>
      // Once the last byte is sent the server is still cleaning and storing: say so instead of a frozen 100%.
      setPhase(percent >= 100 ? { kind: 'cleaning' } : { kind: 'uploading', percent }),
    )
    upload.current = handle
    handle.result.then(
      (result) => setPhase({ kind: 'done', result }),
      (failure) => {
        const error = toApiRequestError(failure)
        setPhase(error.code === clientErrorCodes.aborted ? { kind: 'idle' } : { kind: 'failed', message: errorText(error) })
      },
    )
  }

  return (
    <Card title="数据导入">
      <Typography.Paragraph>
        导入政务服务办件数据（CSV 或 XLSX，首行为表头，中英文表头均可，UTF-8 或 GB18030 编码）。同一办件编号再次导入将更新该办件；无法清洗的行将列出行号、字段和原因。
      </Typography.Paragraph>
      <Upload.Dragger
        id="import-file"
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(picked) => {
          const problem = checkImportFile(picked)
          setPickError(problem)
          setFile(problem ? undefined : picked)
          if (!problem) setPhase({ kind: 'idle' })
          // Keep the file here; it is sent when staff press 开始导入.
          return Upload.LIST_IGNORE
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖拽办件数据文件到此处</p>
        <p className="ant-upload-hint">支持 .csv、.xlsx，单个文件不超过 512 MB</p>
      </Upload.Dragger>
      {pickError ? <Alert data-testid="import-error" type="error" showIcon message={pickError} style={{ marginTop: 16 }} /> : null}
      <Space style={{ marginTop: 16 }} wrap>
        {file ? (
          <Typography.Text data-testid="import-file-name">
            {file.name}（{(file.size / 1024 / 1024).toFixed(2)} MB）
          </Typography.Text>
        ) : null}
        <Button id="import-start" type="primary" disabled={!file || busy} loading={busy} onClick={start}>
          开始导入
        </Button>
        {phase.kind === 'uploading' ? (
          <Button id="import-cancel" onClick={() => upload.current?.abort()}>
            取消
          </Button>
        ) : null}
      </Space>
      {busy ? (
        <div style={{ marginTop: 16, maxWidth: 560 }}>
          <Progress
            data-testid="import-progress"
            percent={phase.kind === 'uploading' ? phase.percent : 100}
            status="active"
          />
          <Typography.Text type="secondary" data-testid="import-phase">
            {phase.kind === 'uploading' ? `正在上传 ${phase.percent}%` : '上传完成，正在清洗并入库，请勿关闭页面…'}
          </Typography.Text>
        </div>
      ) : null}
      {phase.kind === 'failed' ? <Alert data-testid="import-error" type="error" showIcon message={phase.message} style={{ marginTop: 16 }} /> : null}
      {phase.kind === 'done' ? <ImportReport result={phase.result} /> : null}
    </Card>
  )
}
