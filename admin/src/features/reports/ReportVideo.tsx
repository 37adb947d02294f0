import { Alert, Space, Typography } from 'antd'
import { useState } from 'react'
import type { ReportDetail } from './api'

type Attachment = ReportDetail['attachments'][number]

/**
 * The reporter's short video, played in place. Its address is a 10-minute file token (GET /api/files/<token>, served
 * decrypted with byte ranges so seeking works, never cached); opening it is audited under the viewer. When it cannot
 * play — the token expired, or the browser has no H.265 decoder for an iPhone recording — the page says so and offers
 * the file itself.
 */
export function ReportVideo({ video }: { video: Attachment }) {
  const [failed, setFailed] = useState(false)
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text strong>视频（{(video.size / 1024 / 1024).toFixed(1)} MB）</Typography.Text>
      <video
        data-testid="report-video"
        src={video.url}
        controls
        preload="metadata"
        playsInline
        controlsList="nodownload"
        style={{ width: '100%', maxWidth: 480, maxHeight: 360, background: '#000' }}
        aria-label={video.addedBy === 'citizen' ? '群众上传视频' : '视频材料'}
        onError={() => setFailed(true)}
      />
      {failed ? (
        <Alert
          type="warning"
          showIcon
          data-testid="report-video-error"
          message="视频无法播放"
          description={
            <>
              链接有效期为 10 分钟，过期请刷新页面；若浏览器不支持该视频的编码（如 H.265），可
              <a href={video.url} target="_blank" rel="noreferrer">
                打开视频文件
              </a>
              后用播放器观看。
            </>
          }
        />
      ) : null}
    </Space>
  )
}
