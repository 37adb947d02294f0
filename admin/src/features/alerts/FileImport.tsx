// Upload of one file with a progress percentage, then the cleaning report: every fault of each rejected row (line,
// field, reason), the keys repeated in the file and unknown unit codes, all downloadable as a CSV.
// Ids, under the prefix given (`import` for service cases, `dataset-import` for a data set): #<p>-file,
// [data-testid=<p>-file-name], #<p>-start, #<p>-cancel, #<p>-template-xlsx, #<p>-template-csv,
// [data-testid=<p>-progress], [data-testid=<p>-phase], [data-testid=<p>-error], [data-testid=<p>-report],
// [data-testid=<p>-imported|updated|unchanged|rejected|duplicates|unknown-units], [data-testid=<p>-rejections],
// [data-testid=<p>-notices], #<p>-report-download.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { importNoticeKindLabels, type ImportNoticeKind } from '@msjd/shared'
import { Alert, Button, Col, Progress, Row, Space, Statistic, Table, Typography, Upload, message } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { clientErrorCodes, errorText, toApiRequestError } from '../../api/client'
import { saveBlob } from '../../api/files'
import type { UploadHandle } from '../../api/files'
import type { ImportResult, TemplateFormat } from './api'

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


type Fault = { line: number; field: string; reason: string }
type Notice = ImportResult['notices'][number]

/** Every fault of every rejected row, one table row each, in the order the server reported them. */
export function faultRows(result: ImportResult): Fault[] {
  return result.errors.flatMap((e) => [{ line: e.line, field: e.field, reason: e.reason }, ...(e.otherFaults ?? []).map((f) => ({ line: e.line, ...f }))])
}

const csvCell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))

/** The cleaning report as CSV (UTF-8 with BOM, so Excel reads the Chinese): rejected rows' faults, then the notices. */
export function cleaningReportCsv(result: ImportResult, fieldText: (field: string) => string): string {
  const lines = [['类别', '行号', '字段', '原因'].join(',')]
  for (const f of faultRows(result)) lines.push(['拒收', f.line, fieldText(f.field), f.reason].map(csvCell).join(','))
  for (const n of result.notices) lines.push([importNoticeKindLabels[n.kind], n.line, fieldText(n.field), n.reason].map(csvCell).join(','))
  return '\ufeff' + lines.join('\r\n') + '\r\n'
}

function ImportReport({ idPrefix, result, fieldText: fieldName }: { idPrefix: string; result: ImportResult; fieldText: (field: string) => string }) {
  const stat = (testId: string, title: string, value: number, color?: string) => (
    <Col xs={12} md={4}>
      <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} data-testid={`${idPrefix}-${testId}`} />
    </Col>
  )
  const faults = faultRows(result)
  const hidden = result.duplicates + result.unknownUnits - result.notices.length
  return (
    <div data-testid={`${idPrefix}-report`} style={{ marginTop: 24 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          清洗报告
        </Typography.Title>
        {faults.length + result.notices.length > 0 ? (
          <Button id={`${idPrefix}-report-download`} icon={<DownloadOutlined />} onClick={() => saveBlob(new Blob([cleaningReportCsv(result, fieldName)], { type: 'text/csv;charset=utf-8' }), '清洗报告.csv')}>
            下载清洗报告（CSV）
          </Button>
        ) : null}
      </Space>
      <Row gutter={16} style={{ marginTop: 8 }}>
        {stat('imported', '新增', result.imported, '#389e0d')}
        {stat('updated', '更新', result.updated, '#1677ff')}
        {stat('unchanged', '无变化', result.unchanged)}
        {stat('rejected', '拒收行数', result.rejected, result.rejected > 0 ? '#cf1322' : undefined)}
        {stat('duplicates', '文件内重复编号', result.duplicates, result.duplicates > 0 ? '#d46b08' : undefined)}
        {stat('unknown-units', '未知部门编码行', result.unknownUnits, result.unknownUnits > 0 ? '#d46b08' : undefined)}
      </Row>
      {result.errors.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            以下行未导入（其余行已全部入库），每行的全部问题均已列出。请按原因修正源数据后重新导入；重复导入不会产生重复记录。
          </Typography.Paragraph>
          <Table<Fault>
            data-testid={`${idPrefix}-rejections`}
            size="small"
            rowKey={(row) => `${row.line}-${row.field}-${row.reason}`}
            dataSource={faults}
            pagination={{ pageSize: 20, showTotal: (total) => `拒收 ${result.rejected} 行，共 ${total} 处问题`, showSizeChanger: false }}
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
      {result.notices.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            以下情况未拒收，请核对：同一编号在文件中出现多次时按最后一行导入；部门编码不在单位目录中的行已导入，但其预警无法对应到单位。
            {hidden > 0 ? `另有 ${hidden} 条未列出。` : ''}
          </Typography.Paragraph>
          <Table<Notice>
            data-testid={`${idPrefix}-notices`}
            size="small"
            rowKey={(row) => `${row.kind}-${row.line}`}
            dataSource={result.notices}
            pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 条`, showSizeChanger: false }}
            columns={[
              { title: '类别', dataIndex: 'kind', width: 130, render: (kind: ImportNoticeKind) => importNoticeKindLabels[kind] },
              { title: '行号', dataIndex: 'line', width: 90 },
              { title: '字段', dataIndex: 'field', width: 220, render: fieldName },
              { title: '说明', dataIndex: 'reason' },
            ]}
          />
        </>
      ) : null}
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
  /** saves the import template (the header row to fill in) in the format asked */
  downloadTemplate?: (format: TemplateFormat) => Promise<string>
}

/** Pick a file, send it with a progress bar, then show the cleaning report. */
export function FileImport({ idPrefix, prompt, upload: send, fieldText: fieldName, downloadTemplate }: FileImportProps) {
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
        {downloadTemplate
          ? (['xlsx', 'csv'] as const).map((format) => (
              <Button
                key={format}
                id={id(`template-${format}`)}
                icon={<DownloadOutlined />}
                onClick={() => downloadTemplate(format).catch((failure: unknown) => message.error(errorText(toApiRequestError(failure))))}
              >
                下载模板（{format.toUpperCase()}）
              </Button>
            ))
          : null}
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

