import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ReportDetail } from './api'
import { ReportMaterials } from './ReportMaterials'

type Attachment = ReportDetail['attachments'][number]
const at = '2026-11-20T02:00:00.000Z'
const photo: Attachment = { id: 'p1', mime: 'image/jpeg', size: 2048, kind: 'image', addedBy: 'citizen', createdAt: at, url: '/api/files/p1.sig', messageId: null, handedOver: false }
const video: Attachment = { id: 'v1', mime: 'video/mp4', size: 12 * 1024 * 1024, kind: 'video', addedBy: 'citizen', createdAt: at, url: '/api/files/v1.sig', messageId: null, handedOver: false }

describe('the report video in 图片材料', () => {
  it('plays the reporter’s video in place from its file token, with controls, beside the photos', () => {
    render(<ReportMaterials attachments={[photo, video]} />)
    const player = screen.getByTestId('report-video') as HTMLVideoElement
    expect(player.tagName).toBe('VIDEO')
    expect(player.getAttribute('src')).toBe('/api/files/v1.sig')
    expect(player.hasAttribute('controls')).toBe(true)
    // only what is needed to show its length and first frame until staff press play
    expect(player.getAttribute('preload')).toBe('metadata')
    expect(player.getAttribute('aria-label')).toBe('群众上传视频')
    expect(screen.getByText('视频（12.0 MB）')).toBeTruthy()
    expect(screen.getByText('图片材料（1）、视频（1）')).toBeTruthy()
    // the video is not listed again as a plain file link
    expect(screen.queryByText(/^附件/)).toBeNull()
  })

  it('says why a video cannot play and offers the file', () => {
    render(<ReportMaterials attachments={[video]} />)
    expect(screen.queryByTestId('report-video-error')).toBeNull()
    fireEvent.error(screen.getByTestId('report-video'))
    const alert = screen.getByTestId('report-video-error')
    expect(alert.textContent).toContain('视频无法播放')
    expect(alert.textContent).toContain('10 分钟')
    expect(alert.querySelector('a')?.getAttribute('href')).toBe('/api/files/v1.sig')
  })

  it('shows no player for a report without a video', () => {
    render(<ReportMaterials attachments={[photo]} />)
    expect(screen.queryByTestId('report-video')).toBeNull()
    expect(screen.getByText('图片材料（1）')).toBeTruthy()
  })
})
