import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ScenePrefill } from '../../lib/report-draft'

export const RECEIPT_URL = '/pages/receipt/index'

/**
 * What stands above the form: a receipt not yet confirmed as saved (a 保密 report's code and secret are shown only
 * there), and the QR scene this visit came from, which ✕ removes.
 */
export default function ReportNotices({ receiptWaiting, scene, onDropScene }: { receiptWaiting: boolean; scene: ScenePrefill | null; onDropScene: () => void }) {
  return (
    <>
      {receiptWaiting ? (
        <View id='report-receipt-waiting' className='card report__notice' onClick={() => Taro.navigateTo({ url: RECEIPT_URL })}>
          <Text>您有一份回执尚未确认保存（保密反映的查询码和密码只显示这一次），点此查看。</Text>
        </View>
      ) : null}
      {scene ? (
        <View id='report-scene' className='card report__notice report__scene'>
          <Text className='report__grow'>扫码反映：{scene.label || scene.unitName || '已识别二维码'}</Text>
          <Text id='report-scene-clear' className='report__scene-clear' aria-label='不按二维码填写' onClick={onDropScene}>
            ✕
          </Text>
        </View>
      ) : null}
    </>
  )
}
