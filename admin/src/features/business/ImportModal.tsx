import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { serviceItemImportHeaders, type ServiceItemImportRejection } from '@msjd/shared'
import { Alert, Button, Checkbox, Descriptions, Modal, Space, Table, Typography, Upload, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { downloadImportTemplate, importServiceItems, type ServiceItemImportResult } from './api'

const rejectionColumns: TableColumnsType<ServiceItemImportRejection> = [
  { title: '行号', dataIndex: 'line', width: 70 },
  { title: '列', dataIndex: 'field', width: 110, render: (field: string) => field || '整行' },
  { title: '内容', dataIndex: 'value', width: 180, ellipsis: true, render: (value: string | null) => value ?? '—' },
  { title: '原因', dataIndex: 'reason' },
]

/** What the import did, in one sentence staff can act on. */
export function importSummary(result: ServiceItemImportResult): string {
  if (!result.committed) {
    return `共 ${result.rows} 行，其中 ${result.rejected.length} 处不合格，未导入任何数据。请按下表修改后重新导入，或勾选“仅导入合格行”。`
  }
  const parts = [`共 ${result.rows} 行：新增 ${result.created} 个，更新 ${result.updated} 个，未变化 ${result.unchanged} 个`]
  if (result.rejected.length) parts.push(`${result.rejected.length} 处不合格未导入`)
  return `${parts.join('，')}。`
}

/** 导入 Excel: upload the sheet, show what was written and every row rejected with its reason. */
export function ImportModal({ onClose }: { onClose: (changed: boolean) => void }) {
  const [file, setFile] = useState<File>()
  const [partial, setPartial] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const [result, setResult] = useState<ServiceItemImportResult>()

  const start = async () => {
    if (!file) {
      setFailure('请选择要导入的 Excel 文件（.xlsx）')
      return
    }
    setBusy(true)
    setFailure(undefined)
    try {
      setResult(await importServiceItems(file, partial))
    } catch (error) {
      setFailure(errorText(toApiRequestError(error)))
    } finally {
      setBusy(false)
    }
  }

  const template = async () => {
    try {
      await downloadImportTemplate()
    } catch (error) {
      setFailure(errorText(toApiRequestError(error)))
    }
  }

  const changed = !!result?.committed && result.created + result.updated > 0
  return (
    <Modal
      open
      title="导入事项（Excel）"
      width={760}
      maskClosable={false}
      onCancel={() => onClose(changed)}
      footer={
        <Space>
          <Button id="items-import-close" onClick={() => onClose(changed)}>
            {result ? '完成' : '取消'}
          </Button>
          <Button id="items-import-submit" type="primary" loading={busy} onClick={start}>
            {result ? '重新导入' : '开始导入'}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          表头依次为：{serviceItemImportHeaders.join('、')}。事项编码已存在的更新，其余新增；申报材料之间用“；”或换行分隔。
          <Button type="link" size="small" id="items-import-template" icon={<DownloadOutlined />} onClick={template}>
            下载模板
          </Button>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          data-testid="items-import-file"
          beforeUpload={(chosen) => {
            setFile(chosen)
            setResult(undefined)
            setFailure(undefined)
            // kept in the page and sent with the bearer token on 开始导入, not uploaded by antd
            return false
          }}
          onRemove={() => setFile(undefined)}
          fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入 .xlsx 文件</p>
        </Upload.Dragger>
        <Checkbox id="items-import-partial" checked={partial} onChange={(event) => setPartial(event.target.checked)}>
          仅导入合格行（不勾选时，任一行不合格则全部不导入）
        </Checkbox>
        {failure ? <Alert data-testid="items-import-error" type="error" showIcon message={failure} /> : null}
        {result ? (
          <div data-testid="items-import-result">
            <Alert
              type={!result.committed ? 'error' : result.rejected.length ? 'warning' : 'success'}
              showIcon
              message={importSummary(result)}
              style={{ marginBottom: 12 }}
            />
            <Descriptions size="small" column={5} bordered>
              <Descriptions.Item label="总行数">{result.rows}</Descriptions.Item>
              <Descriptions.Item label="新增">{result.created}</Descriptions.Item>
              <Descriptions.Item label="更新">{result.updated}</Descriptions.Item>
              <Descriptions.Item label="未变化">{result.unchanged}</Descriptions.Item>
              <Descriptions.Item label="不合格">{result.rejected.length}</Descriptions.Item>
            </Descriptions>
            {result.rejected.length ? (
              <Table<ServiceItemImportRejection>
                data-testid="items-import-rejections"
                style={{ marginTop: 12 }}
                size="small"
                rowKey={(row) => `${row.line}-${row.field}-${row.reason}`}
                columns={rejectionColumns}
                dataSource={result.rejected}
                pagination={result.rejected.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              />
            ) : null}
          </div>
        ) : null}
      </Space>
    </Modal>
  )
}
