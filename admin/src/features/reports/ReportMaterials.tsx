import { Card, Image, Space, Typography } from 'antd'
import type { ReportDetail } from './api'
import { ReportVideo } from './ReportVideo'

/** The report's photos, its video and other files; the reporter's answers carry their own photos in the thread. */
export function ReportMaterials({ attachments }: { attachments: ReportDetail['attachments'] }) {
  const photos = attachments.filter((a) => a.mime.startsWith('image/') && !a.messageId)
  const videos = attachments.filter((a) => a.mime.startsWith('video/') && !a.messageId)
  const others = attachments.filter((a) => !a.mime.startsWith('image/') && !a.mime.startsWith('video/') && !a.messageId)
  return (
    <Card title={`图片材料（${photos.length}）${videos.length ? `、视频（${videos.length}）` : ''}`} size="small">
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
      {videos.map((video) => (
        <div key={video.id} style={{ marginTop: 12 }}>
          <ReportVideo video={video} />
        </div>
      ))}
      {others.length > 0 ? (
        <div style={{ marginTop: 8 }}>
          {others.map((file) => (
            <div key={file.id}>
              <a href={file.url} target="_blank" rel="noreferrer">
                附件（{Math.ceil(file.size / 1024)} KB）
              </a>
            </div>
          ))}
        </div>
      ) : null}
    </Card>
  )
}
