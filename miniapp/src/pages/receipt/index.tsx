import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useUnload } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { tabRoutes } from '../../lib/features'
import { receiptClipboardText } from '../../lib/report-view'
import { clearPendingReceipt, pendingReceipt, type PendingReceipt } from '../../services/report-storage'
import PrivacyDialog from '../../components/PrivacyDialog'
import { requirePrivacy } from '../../services/privacy'
import './index.css'
import { usePageRoot } from '../../services/text-size'

const LEAVE_WARNING = '查询码和查询密码只显示这一次，没有它们将无法查看进度和答复。确定已经保存了吗？'

type Guard = { enable(): void; disable(): void }

/**
 * Keeps the citizen from leaving before the code is saved. weapp: WeChat's own confirm on the back button and
 * gesture (wx.enableAlertBeforeUnload), and no home button. H5: the browser's confirm on closing or reloading.
 * Only the 我已保存 check and 完成 end it.
 */
function leaveGuard(): Guard {
  const t = Taro as unknown as {
    enableAlertBeforeUnload?: (o: { message: string }) => unknown
    disableAlertBeforeUnload?: () => unknown
    hideHomeButton?: () => unknown
  }
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    e.preventDefault()
    return LEAVE_WARNING
  }
  const isH5 = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined'
  return {
    enable() {
      try {
        t.hideHomeButton?.()
        t.enableAlertBeforeUnload?.({ message: LEAVE_WARNING })
      } catch {
        // old WeChat: the page text and the 完成 gate still apply
      }
      if (isH5) window.addEventListener('beforeunload', onBeforeUnload)
    },
    disable() {
      try {
        t.disableAlertBeforeUnload?.()
      } catch {
        // nothing to undo
      }
      if (isH5) window.removeEventListener('beforeunload', onBeforeUnload)
    },
  }
}

/** What did not reach the server with the report, and what the citizen can still do: “有 2 张图片和视频未能上传…”. */
function uploadShortfall({ photosFailed, videoFailed }: PendingReceipt): string | null {
  const what = [photosFailed > 0 ? ` ${photosFailed} 张图片` : '', videoFailed ? '视频' : ''].filter(Boolean).join('和')
  if (!what) return null
  // 进度查询 takes a supplement in words later, never a video: what the video showed has to be written down
  const later = videoFailed ? '可在进度查询中补充文字材料，把视频里的情况写清楚。' : '可在进度查询中补充文字材料。'
  const unseen = photosFailed > 0 && videoFailed ? '它们' : videoFailed ? '这段视频' : '这些图片'
  return `反映已提交，但${photosFailed > 0 ? '有' : ''}${what}未能上传，办理人员看不到${unseen}；${later}`
}

export default function Receipt() {
  const pageRoot = usePageRoot()
  const [receipt, setReceipt] = useState<PendingReceipt | null | undefined>(undefined)
  const [saved, setSaved] = useState(false)
  const [guard] = useState(leaveGuard)

  useLoad(() => setReceipt(pendingReceipt()))

  const hasSecret = !!(receipt?.queryCode && receipt.querySecret)
  const shortfall = receipt ? uploadShortfall(receipt) : null
  const mustConfirm = hasSecret && !saved

  useEffect(() => {
    if (mustConfirm) guard.enable()
    else guard.disable()
  }, [mustConfirm, guard])
  useUnload(() => guard.disable())

  const onCopy = () => {
    if (!receipt?.queryCode || !receipt.querySecret) return
    const data = receiptClipboardText({ serial: receipt.serial, queryCode: receipt.queryCode, querySecret: receipt.querySecret })
    // the clipboard is a privacy API in the weapp: it waits for the citizen's agreement
    requirePrivacy()
      .then(() => Taro.setClipboardData({ data }))
      .catch(() => void Taro.showToast({ title: '未能复制，请抄下或截屏保存查询码和密码', icon: 'none', duration: 3000 }))
  }

  const onDone = () => {
    if (mustConfirm) {
      void Taro.showToast({ title: '请先保存查询码和密码，并勾选“我已保存”', icon: 'none', duration: 2500 })
      return
    }
    guard.disable()
    clearPendingReceipt()
    void Taro.switchTab({ url: tabRoutes.track })
  }

  if (receipt === undefined) return <View {...pageRoot('page')} />
  if (receipt === null) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text id='receipt-none'>没有待查看的回执。可以在“进度查询”中查看已提交的反映。</Text>
          <Button id='receipt-done' className='primary-button' onClick={() => Taro.switchTab({ url: tabRoutes.track })}>
            进度查询
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View {...pageRoot('page receipt')}>
      <View className='card'>
        <Text className='receipt__title'>{receipt.replayed ? '该反映此前已提交成功' : '反映已提交'}</Text>
        <View className='receipt__row'>
          <Text className='muted'>反映编号</Text>
          <Text id='receipt-serial' className='receipt__value'>
            {receipt.serial}
          </Text>
        </View>
        {receipt.acceptDueOn ? (
          <Text id='receipt-due' className='muted receipt__line'>
            将在 {receipt.acceptDueOn} 前（3 个工作日内）决定是否受理。
          </Text>
        ) : null}
        {shortfall ? (
          <Text id='receipt-uploads-failed' className='receipt__warn receipt__line'>
            {shortfall}
          </Text>
        ) : null}
      </View>

      {hasSecret ? (
        <View className='card receipt__secret-card'>
          <Text className='receipt__heading'>请立即保存查询码和查询密码</Text>
          <View className='receipt__row'>
            <Text className='muted'>查询码</Text>
            <Text id='receipt-code' className='receipt__code' userSelect>
              {receipt.queryCode}
            </Text>
          </View>
          <View className='receipt__row'>
            <Text className='muted'>查询密码</Text>
            <Text id='receipt-secret' className='receipt__code' userSelect>
              {receipt.querySecret}
            </Text>
          </View>
          <Text id='receipt-warning' className='receipt__warn receipt__line'>
            这是保密反映，系统不保存您的姓名和联系方式，也不保存查询码和密码的明文。它们只显示这一次：没有它们，将无法查看这件反映的进度和答复，也无法补充材料或评价，遗失后无法找回。请抄写、截图或复制保存。
          </Text>
          <Button id='receipt-copy' className='receipt__copy' onClick={onCopy}>
            复制编号、查询码和密码
          </Button>
          <View id='receipt-saved' className='receipt__check' role='checkbox' aria-checked={saved} onClick={() => setSaved((s) => !s)}>
            <View className={saved ? 'receipt__box receipt__box--on' : 'receipt__box'}>{saved ? '✓' : ''}</View>
            <Text>我已保存查询码和查询密码</Text>
          </View>
        </View>
      ) : receipt.confidential ? (
        <View className='card'>
          <Text id='receipt-notice' className='receipt__warn'>
            {receipt.notice ?? '查询码仅在首次提交时显示；可在“进度查询 › 我的反映”中查看本机提交的反映。'}
          </Text>
        </View>
      ) : (
        <View className='card'>
          <Text id='receipt-notice' className='muted'>
            实名反映：办理进展会通过消息通知您，也可在“进度查询 › 我的反映”中查看。
          </Text>
        </View>
      )}

      <View className='card'>
        <Button id='receipt-done' className={mustConfirm ? 'primary-button primary-button--busy' : 'primary-button'} onClick={onDone}>
          完成
        </Button>
      </View>
      <PrivacyDialog />
    </View>
  )
}
