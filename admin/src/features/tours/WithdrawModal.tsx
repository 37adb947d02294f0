/** Withdrawing a published 巡察公示, with its reason (ids: see NoticesPage.tsx). */
import { tourNoticeWithdrawBody, type TourNotice } from '@msjd/shared/tours'
import { Alert, Form, Input } from 'antd'
import { zodRule } from '../../api/form'
import { withdrawNotice } from './api'
import { FormModal } from '../../components/FormModal'

export function WithdrawModal({ notice, onClose, onDone }: { notice: TourNotice; onClose: () => void; onDone: (n: TourNotice) => void }) {
  return (
    <FormModal
      title="撤回巡察公示"
      name="withdraw"
      okId="notice-withdraw-confirm"
      okText="撤回"
      fields={['reason']}
      schema={tourNoticeWithdrawBody}
      toBody={(v) => ({ reason: v.reason ?? '' })}
      submit={(body) => withdrawNotice(notice.id, body.reason)}
      onDone={onDone}
      onClose={onClose}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`撤回后“${notice.title}”将立即从小程序和扫码页面消失。`} />
      <Form.Item name="reason" label="撤回原因" required rules={[zodRule(tourNoticeWithdrawBody.shape.reason)]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  )
}
