import type { PublicTourNotice } from '@msjd/shared/tours'
import { Button, Modal, Typography } from 'antd'
import type { CSSProperties, ReactNode } from 'react'

/** The fields of a notice the mini-program shows (PublicTourNotice), as far as a draft already has them. */
export type NoticePreviewData = Pick<
  PublicTourNotice,
  'title' | 'startsOn' | 'endsOn' | 'contactPhone' | 'contactMailbox' | 'contactAddress' | 'scope' | 'howToReport' | 'body'
> & { round: { name: string }; unit: { name: string } | null; group: { name: string } | null }

function ymd(iso: string) {
  const [y, m, d] = iso.split('-').map(Number)
  return { y, m, d }
}

/** `2026年11月1日至12月31日`, the year repeated only when the period crosses one — as the mini-program writes it. */
export function noticePeriodText(startsOn: string, endsOn: string): string {
  if (!startsOn || !endsOn) return '（未填写）'
  const a = ymd(startsOn)
  const b = ymd(endsOn)
  const end = a.y === b.y ? `${b.m}月${b.d}日` : `${b.y}年${b.m}月${b.d}日`
  return `${a.y}年${a.m}月${a.d}日至${end}`
}

const phone: CSSProperties = {
  width: 375,
  maxWidth: '100%',
  margin: '0 auto',
  padding: 12,
  background: '#f5f6f8',
  borderRadius: 16,
  border: '1px solid #e5e6eb',
}
const card: CSSProperties = { background: '#fff', borderRadius: 8, padding: 16, fontSize: 14, lineHeight: 1.6 }
const rowStyle: CSSProperties = { display: 'flex', gap: 12, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }
const labelStyle: CSSProperties = { width: 84, flex: 'none', color: '#86909c' }
const action: CSSProperties = { marginLeft: 8, color: '#1677ff' }

function Row({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div style={rowStyle}>
      <span style={labelStyle}>{label}</span>
      <span data-testid={testId} style={{ flex: 1, wordBreak: 'break-all' }}>
        {children}
      </span>
    </div>
  )
}

function Section({ heading, testId, text }: { heading: string; testId: string; text: string }) {
  return (
    <div style={{ marginTop: 12 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{heading}</div>
      <div data-testid={testId} style={{ whiteSpace: 'pre-wrap', color: '#1d2129' }}>
        {text}
      </div>
    </div>
  )
}

/**
 * The notice as a citizen reads it in the mini-program (miniapp/src/components/TourNoticeView.tsx): same order,
 * same labels, on a phone-wide card. The 拨打/复制 actions are shown but inert here.
 */
export function NoticePreview({ notice }: { notice: NoticePreviewData }) {
  return (
    <div style={phone} data-testid="notice-preview">
      <div style={card}>
        <div data-testid="preview-title" style={{ fontSize: 18, fontWeight: 600, marginBottom: 4 }}>
          {notice.title || '（未填写标题）'}
        </div>
        <Typography.Text type="secondary" data-testid="preview-subject">
          {[notice.round.name, notice.unit?.name].filter(Boolean).join(' · ')}
        </Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Row label="巡察时间" testId="preview-period">
            {noticePeriodText(notice.startsOn, notice.endsOn)}
          </Row>
          {notice.group ? (
            <Row label="巡察组" testId="preview-group">
              {notice.group.name}
            </Row>
          ) : null}
          {notice.contactPhone ? (
            <Row label="联系电话" testId="preview-phone">
              {notice.contactPhone}
              <span style={action}>拨打</span>
            </Row>
          ) : null}
          {notice.contactMailbox ? (
            <Row label="电子邮箱" testId="preview-mailbox">
              {notice.contactMailbox}
              <span style={action}>复制</span>
            </Row>
          ) : null}
          {notice.contactAddress ? (
            <Row label="来信来访地址" testId="preview-address">
              {notice.contactAddress}
            </Row>
          ) : null}
        </div>
        <Section heading="受理范围" testId="preview-scope" text={notice.scope} />
        <Section heading="反映方式" testId="preview-how" text={notice.howToReport} />
        {notice.body ? <Section heading="公告全文" testId="preview-body" text={notice.body} /> : null}
      </div>
      <div style={{ marginTop: 12, textAlign: 'center', color: '#86909c', fontSize: 12 }}>群众在“码上监督”小程序中看到的样式</div>
    </div>
  )
}

/** The preview in a dialog (预览（群众视角）), from the list or from the compose form. */
export function NoticePreviewModal({ notice, onClose }: { notice: NoticePreviewData; onClose: () => void }) {
  return (
    <Modal
      open
      title="预览（群众视角）"
      width={460}
      onCancel={onClose}
      footer={
        <Button id="notice-preview-close" onClick={onClose}>
          关闭
        </Button>
      }
    >
      <NoticePreview notice={notice} />
    </Modal>
  )
}
