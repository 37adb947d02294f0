import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { toApiRequestError } from '../../lib/api-error'
import { abbreviateId, loginViaLabels, type CitizenSession } from '../../lib/session'
import { ensureSession, relogin } from '../../services/auth'
import { tabRoutes } from '../../lib/features'
import { HOTLINE } from '../../lib/privacy'
import { formatDateTime } from '../../lib/report-view'
import { showErrorToast } from '../../services/feedback'
import './index.css'
import { askToNotify } from '../../services/subscribe'
import { refreshUnreadBadge } from '../../services/messages'
import { badgeText } from '../../lib/messages'
import { setTextSize, storedTextSize, usePageRoot } from '../../services/text-size'
import type { TextSize } from '../../lib/text-size'

type LoginState =
  | { kind: 'loading' }
  | { kind: 'ok'; session: CitizenSession }
  | { kind: 'failed'; message: string }

/** Beijing time, whatever the phone's own time zone. */
const formatTime = (ms: number) => formatDateTime(new Date(ms).toISOString())

/** On the tap: ask WeChat for permission to send progress notices, and say what came of it. */
function enableNotices() {
  return askToNotify().then((outcome) =>
    Taro.showToast({
      title: outcome === 'accepted' ? '已开启办理进展通知' : outcome === 'refused' ? '未开启，可在小程序设置中打开' : '请在微信小程序中开启通知',
      icon: 'none',
      duration: 2500,
    }),
  )
}

type MineEntry = { key: string; title: string; summary: string; go: () => unknown }

const entries: MineEntry[] = [
  { key: 'reports', title: '我的反映', summary: '本机提交的反映和办理进度', go: () => Taro.switchTab({ url: tabRoutes.track }) },
  { key: 'messages', title: '消息', summary: '实名反映和企业投诉、差评的办理进展', go: () => Taro.navigateTo({ url: '/pages/messages/index' }) },
  { key: 'notify', title: '办理进展通知', summary: '允许通过微信消息告诉您实名反映的办理进展', go: () => enableNotices() },
  { key: 'evaluations', title: '我的评价和投诉', summary: '营商环境好差评与投诉的办理情况', go: () => Taro.navigateTo({ url: '/pages/business/mine' }) },
  { key: 'help', title: '帮助与热线', summary: `常见问题，举报电话 ${HOTLINE}`, go: () => Taro.navigateTo({ url: '/pages/about/help' }) },
  { key: 'privacy', title: '用户隐私保护指引', summary: '收集哪些信息、为什么、保存多久、您的权利', go: () => Taro.navigateTo({ url: '/pages/about/privacy' }) },
  { key: 'notice', title: '举报须知', summary: '保密反映的含义，如实反映的要求', go: () => Taro.navigateTo({ url: '/pages/about/notice' }) },
  { key: 'about', title: '关于码上监督', summary: '主办单位与服务说明', go: () => Taro.navigateTo({ url: '/pages/about/index' }) },
]

export default function Mine() {
  const pageRoot = usePageRoot()
  const [state, setState] = useState<LoginState>({ kind: 'loading' })
  const [busy, setBusy] = useState(false)
  const [unread, setUnread] = useState<number | null>(null)
  const [textSize, setShownTextSize] = useState<TextSize>(storedTextSize)
  const largeText = textSize === 'large'

  const onToggleLargeText = () => {
    const next: TextSize = largeText ? 'standard' : 'large'
    setShownTextSize(next)
    if (!setTextSize(next)) void Taro.showToast({ title: '本机未能保存此设置，下次打开需重新选择', icon: 'none' })
  }

  // Shown again after a relogin elsewhere (or after launch login finished): re-read each time the tab is shown.
  // The failure is shown on the page itself, so no toast here.
  const refresh = useCallback(() => {
    ensureSession()
      .then((session) => {
        setState({ kind: 'ok', session })
        // the badge here and on the tab: read messages elsewhere clear it when this tab is shown again
        return refreshUnreadBadge().then(setUnread)
      })
      .catch((error) => setState({ kind: 'failed', message: toApiRequestError(error).message }))
  }, [])
  useDidShow(refresh)

  const onRelogin = async () => {
    setBusy(true)
    try {
      const session = await relogin()
      setState({ kind: 'ok', session })
      void Taro.showToast({ title: '已重新登录', icon: 'success' })
    } catch (error) {
      setState({ kind: 'failed', message: toApiRequestError(error).message })
      showErrorToast(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View {...pageRoot('page mine')}>
      <View className='card mine__entries'>
        <View
          id='mine-large-text'
          className='mine__entry'
          role='switch'
          aria-checked={largeText}
          hoverClass='mine__entry--pressed'
          onClick={onToggleLargeText}
        >
          <View className='mine__entry-text'>
            <Text className='mine__entry-title'>大字模式</Text>
            <Text className='muted'>放大全部文字和按钮，本机记住此设置</Text>
          </View>
          {/* the state in words, not by colour alone */}
          <Text id='mine-large-text-state' className={largeText ? 'mine__toggle mine__toggle--on' : 'mine__toggle'}>
            {largeText ? '已开启' : '已关闭'}
          </Text>
        </View>
      </View>
      <View id='mine-entries' className='card mine__entries'>
        {entries.map((e) => (
          <View key={e.key} id={`mine-${e.key}`} className='mine__entry' hoverClass='mine__entry--pressed' onClick={() => void e.go()}>
            <View className='mine__entry-text'>
              <Text className='mine__entry-title'>{e.title}</Text>
              <Text className='muted'>{e.summary}</Text>
            </View>
            {e.key === 'messages' && unread !== null && badgeText(unread) ? (
              <Text id='mine-messages-badge' className='mine__badge' aria-label={`${unread} 条未读消息`}>
                {badgeText(unread)} 条未读
              </Text>
            ) : null}
            <Text className='mine__entry-arrow'>›</Text>
          </View>
        ))}
      </View>
      <View className='card mine__card'>
        <Text className='mine__heading'>登录状态</Text>
        {state.kind === 'loading' ? (
          <Text id='mine-status' className='mine__status'>
            正在登录…
          </Text>
        ) : state.kind === 'ok' ? (
          <View className='mine__rows'>
            <Text id='mine-status' className='mine__status mine__status--ok'>
              已登录
            </Text>
            <View className='mine__row'>
              <Text className='muted'>用户编号</Text>
              <Text id='mine-citizen-id'>{abbreviateId(state.session.citizen.id)}</Text>
            </View>
            <View className='mine__row'>
              <Text className='muted'>登录方式</Text>
              <Text id='mine-via'>{loginViaLabels[state.session.citizen.via]}</Text>
            </View>
            <View className='mine__row'>
              <Text className='muted'>有效期至</Text>
              <Text id='mine-expires'>{formatTime(state.session.expiresAt)}</Text>
            </View>
            {state.session.citizen.via === 'device' ? (
              <Text id='mine-device-note' className='mine__note muted'>
                设备标识只保存在本机，用于识别您在本设备上提交的事项；清除浏览器或小程序数据、更换设备后无法恢复。
              </Text>
            ) : null}
          </View>
        ) : (
          <View className='mine__rows'>
            <Text id='mine-status' className='mine__status mine__status--bad'>
              未登录
            </Text>
            <Text id='mine-error' className='mine__note muted'>
              {state.message}
            </Text>
          </View>
        )}
        <Button id='mine-relogin' className={busy ? 'primary-button primary-button--busy' : 'primary-button'} loading={busy} disabled={busy} onClick={onRelogin}>
          {state.kind === 'ok' ? '重新登录' : '登录'}
        </Button>
      </View>
    </View>
  )
}
