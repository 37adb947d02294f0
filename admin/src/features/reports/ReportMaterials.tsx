import { Card, Image, Space, Typography } from 'antd'
import type { ReportDetail } from './api'

/** The report's photos and other files; the reporter's answers carry their own photos in the thread. */
export function ReportMaterials({ attachments }: { attachments: ReportDetail['attachments'] }) {
  const photos = attachments.filter((a) => a.mime.startsWith('image/') && !a.messageId)
  const others = attachments.filter((a) => !a.mime.startsWith('image/') && !a.messageId)
  return (
    <Card title={`图片材料（${photos.length}）`} size="small">
      {photos.length === 0 ? (
        <Typography.Text type="secondary">无图片</Typography.Text>
      ) : (
        <Image.PreviewGroup>
          <Space wrap data-testid="report-photos">
            {photos.map((photo) => (
              <Image key={photo.id} src={photo.url} width={104} height={104} style={{ objectFit: 'cover' }} alt={photo.addedBy === 'citizen' ? '群众上传图片' : '办理材料'} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.length > 0 ? (
        <div style={{ marginTop: 8 }}>
          {others.map((file) => (
            <div key={file.id}>
              <a href={file.url} target="_blank" rel="noreferrer">
                {file.mime.startsWith('video/') ? '视频' : '附件'}（{Math.ceil(file.size / 1024)} KB）
              </a>
            </div>
          ))}
        </div>
      ) : null}
    </Card>
  )
}
