import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { CitizenMessage } from '@msjd/shared/citizen-messages'
import { toApiRequestError } from '../../lib/api-error'
import { tabRoutes } from '../../lib/features'
import { appendPage, markedRead, messageTarget } from '../../lib/messages'
import { formatDateTime } from '../../lib/report-view'
import { listMessages, markAllMessagesRead, markMessageRead, showUnreadBadge } from '../../services/messages'
import { handOverReport } from '../../services/report-storage'
import PrivacyLinks from '../../components/PrivacyLinks'
import './index.css'
import { usePageRoot } from '../../services/text-size'

const PAGE_SIZE = 20

type Load = { kind: 'loading' } | { kind: 'ok' } | { kind: 'failed'; message: string }

/**
 * 消息: what the commission told this account about its real-name reports and its enterprise's cases, newest first.
 * Opening one marks it read and goes to the report or case; 全部已读 clears the badge on 我的. A 保密 report is never
 * here (it has no account): its progress is read by query code.
 */
export default function Messages() {
  const pageRoot = usePageRoot()
  const [items, setItems] = useState<CitizenMessage[]>([])
  const [total, setTotal] = useState(0)
  const [unread, setUnread] = useState(0)
  const [page, setPage] = useState(1)
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)

  const fetchFirst = async () => {
    try {
      const res = await listMessages(1, PAGE_SIZE)
      setItems(res.items)
      setTotal(res.total)
      setUnread(res.unread)
      setPage(1)
      setLoad({ kind: 'ok' })
    } catch (error) {
      setLoad({ kind: 'failed', message: toApiRequestError(error).message })
    }
  }
  // shown again after reading a report: a new message may have arrived meanwhile
  useDidShow(() => void fetchFirst())

  const run = async (fn: () => Promise<void>) => {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    try {
      await fn()
    } catch {
      // told by the request helper
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const onMore = () =>
    run(async () => {
      const res = await listMessages(page + 1, PAGE_SIZE)
      setItems((list) => appendPage(list, res.items))
      setTotal(res.total)
      setUnread(res.unread)
      setPage(page + 1)
    })

  const onReadAll = () =>
    run(async () => {
      const res = await markAllMessagesRead()
      setItems((list) => markedRead(list, null, new Date().toISOString()))
      setUnread(res.unread)
      showUnreadBadge(res.unread)
    })

  const onOpen = (m: CitizenMessage) =>
    run(async () => {
      if (!m.readAt) {
        const res = await markMessageRead(m.id)
        setItems((list) => markedRead(list, m.id, new Date().toISOString()))
        setUnread(res.unread)
        showUnreadBadge(res.unread)
      }
      const target = messageTarget(m)
      if (target?.kind === 'report') {
        handOverReport(target.id)
        await Taro.switchTab({ url: tabRoutes.track })
      } else if (target?.kind === 'url') {
        await Taro.navigateTo({ url: target.url })
      }
    })

  return (
    <View {...pageRoot('page messages')}>
      <View className='card messages__head'>
        <View className='messages__head-text'>
          <Text className='messages__heading'>消息</Text>
          <Text id='messages-unread' className='muted'>
            {load.kind === 'ok' ? (unread > 0 ? `${unread} 条未读` : '没有未读消息') : ''}
          </Text>
        </View>
        {unread > 0 ? (
          <Button id='messages-read-all' className='messages__read-all' disabled={busy} onClick={onReadAll}>
            全部已读
          </Button>
        ) : null}
      </View>

      {load.kind === 'loading' ? (
        <View className='card'>
          <Text id='messages-loading' className='muted'>
            正在加载…
          </Text>
        </View>
      ) : load.kind === 'failed' ? (
        <View className='card messages__empty'>
          <Text id='messages-error'>{load.message}</Text>
          <Button id='messages-retry' className='primary-button' onClick={() => void fetchFirst()}>
            重试
          </Button>
        </View>
      ) : items.length === 0 ? (
        <View className='card messages__empty'>
          <Text id='messages-empty'>暂无消息。</Text>
          <Text className='muted'>实名反映和企业投诉、差评的办理进展会显示在这里；保密反映不与账号关联，请凭查询码和密码在“进度查询”中查看。</Text>
        </View>
      ) : (
        <View id='messages-list' className='card messages__list'>
          {items.map((m) => (
            <View key={m.id} id={`message-${m.id}`} className='messages__item' hoverClass='messages__item--pressed' onClick={() => void onOpen(m)}>
              <View className='messages__item-head'>
                {/* unread is said in words, not by colour alone */}
                {m.readAt ? null : (
                  <Text id={`message-${m.id}-unread`} className='messages__unread'>
                    未读
                  </Text>
                )}
                <Text className={m.readAt ? 'messages__title' : 'messages__title messages__title--unread'}>{m.title}</Text>
              </View>
              {m.body ? <Text className='messages__body'>{m.body}</Text> : null}
              <Text className='muted'>{formatDateTime(m.createdAt)}</Text>
            </View>
          ))}
          {items.length < total ? (
            <Button id='messages-more' className='messages__more' disabled={busy} onClick={onMore}>
              加载更多（还有 {total - items.length} 条）
            </Button>
          ) : null}
        </View>
      )}
      <PrivacyLinks idPrefix='messages' notice={false} />
    </View>
  )
}
