// Upload of one file with a progress percentage, then the cleaning report (rejected rows: line, field, reason).
// Ids, under the prefix given (`import` for service cases, `dataset-import` for a data set): #<p>-file,
// [data-testid=<p>-file-name], #<p>-start, #<p>-cancel, [data-testid=<p>-progress], [data-testid=<p>-phase],
// [data-testid=<p>-error], [data-testid=<p>-report], [data-testid=<p>-imported|updated|unchanged|rejected],
// [data-testid=<p>-rejections].
import { InboxOutlined } from '@ant-design/icons'
import { Alert, Button, Col, Progress, Row, Space, Statistic, Table, Typography, Upload } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { clientErrorCodes, errorText, toApiRequestError } from '../../api/client'
import type { ImportError, ImportResult, UploadHandle } from './api'

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


function ImportReport({ idPrefix, result, fieldText: fieldName }: { idPrefix: string; result: ImportResult; fieldText: (field: string) => string }) {
  const stat = (testId: string, title: string, value: number, color?: string) => (
    <Col xs={12} md={6}>
      <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} data-testid={`${idPrefix}-${testId}`} />
    </Col>
  )
  return (
    <div data-testid={`${idPrefix}-report`} style={{ marginTop: 24 }}>
      <Typography.Title level={5}>清洗报告</Typography.Title>
      <Row gutter={16}>
        {stat('imported', '新增办件', result.imported, '#389e0d')}
        {stat('updated', '更新办件', result.updated, '#1677ff')}
        {stat('unchanged', '无变化', result.unchanged)}
        {stat('rejected', '拒收行数', result.rejected, result.rejected > 0 ? '#cf1322' : undefined)}
      </Row>
      {result.errors.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            以下行未导入（其余行已全部入库）。请按原因修正源数据后重新导入；重复导入不会产生重复记录。
          </Typography.Paragraph>
          <Table<ImportError>
            data-testid={`${idPrefix}-rejections`}
            size="small"
            rowKey={(row) => `${row.line}-${row.field}`}
            dataSource={result.errors}
            pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 行`, showSizeChanger: false }}
            columns={[
              { title: '行号', dataIndex: 'line', width: 90 },
              { title: '字段', dataIndex: 'field', width: 220, render: fieldName },
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

export interface FileImportProps {
  /** prefix of the stable ids: `import` for service cases, `dataset-import` for a data set */
  idPrefix: string
  prompt: string
  upload: (file: File, onProgress: (percent: number) => void) => UploadHandle<ImportResult>
  /** a rejected row's field in words */
  fieldText: (field: string) => string
}

/** Pick a file, send it with a progress bar, then show the cleaning report. */
export function FileImport({ idPrefix, prompt, upload: send, fieldText: fieldName }: FileImportProps) {
  const [file, setFile] = useState<File>()
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [pickError, setPickError] = useState<string>()
  const upload = useRef<UploadHandle<ImportResult>>()
  useEffect(() => () => upload.current?.abort(), [])

  const busy = phase.kind === 'uploading' || phase.kind === 'cleaning'
  const id = (suffix: string) => `${idPrefix}-${suffix}`

  const start = () => {
    if (!file) return
    setPhase({ kind: 'uploading', percent: 0 })
    const handle = send(file, (percent) =>
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
    <>
      <Upload.Dragger
        id={id('file')}
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
        <p className="ant-upload-text">{prompt}</p>
        <p className="ant-upload-hint">支持 .csv、.xlsx，单个文件不超过 512 MB</p>
      </Upload.Dragger>
      {pickError ? <Alert data-testid={id('error')} type="error" showIcon message={pickError} style={{ marginTop: 16 }} /> : null}
      <Space style={{ marginTop: 16 }} wrap>
        {file ? (
          <Typography.Text data-testid={id('file-name')}>
            {file.name}（{(file.size / 1024 / 1024).toFixed(2)} MB）
          </Typography.Text>
        ) : null}
        <Button id={id('start')} type="primary" disabled={!file || busy} loading={busy} onClick={start}>
          开始导入
        </Button>
        {phase.kind === 'uploading' ? (
          <Button id={id('cancel')} onClick={() => upload.current?.abort()}>
            取消
          </Button>
        ) : null}
      </Space>
      {busy ? (
        <div style={{ marginTop: 16, maxWidth: 560 }}>
          <Progress data-testid={id('progress')} percent={phase.kind === 'uploading' ? phase.percent : 100} status="active" />
          <Typography.Text type="secondary" data-testid={id('phase')}>
            {phase.kind === 'uploading' ? `正在上传 ${phase.percent}%` : '上传完成，正在清洗并入库，请勿关闭页面…'}
          </Typography.Text>
        </div>
      ) : null}
      {phase.kind === 'failed' ? <Alert data-testid={id('error')} type="error" showIcon message={phase.message} style={{ marginTop: 16 }} /> : null}
      {phase.kind === 'done' ? <ImportReport idPrefix={idPrefix} result={phase.result} fieldText={fieldName} /> : null}
    </>
  )
}

