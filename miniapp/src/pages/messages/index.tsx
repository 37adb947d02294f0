import { Button, Text, View } from '@tarojs/components'
import Taro, {  } from '@tarojs/taro'
import type { CitizenMessage } from '@msjd/shared/citizen-messages'
import { tabRoutes } from '../../lib/features'
import { appendPage, markedRead, messageTarget } from '../../lib/messages'
import { formatDateTime } from '../../lib/report-view'
import { listMessages, markAllMessagesRead, markMessageRead, showUnreadBadge } from '../../services/messages'
import { handOverReport } from '../../services/report-storage'
import { usePageLoad } from '../../services/page-load'
import PrivacyLinks from '../../components/PrivacyLinks'
import './index.css'
import { usePageRoot } from '../../services/text-size'

const PAGE_SIZE = 20

/** The pages of messages read so far, with the counts of the last answer. */
type Inbox = { items: CitizenMessage[]; total: number; unread: number; page: number }

/**
 * 消息: what the commission told this account about its real-name reports and its enterprise's cases, newest first.
 * Opening one marks it read and goes to the report or case; 全部已读 clears the badge on 我的. A 保密 report is never
 * here (it has no account): its progress is read by query code.
 */
export default function Messages() {
  const pageRoot = usePageRoot()
  const { data, setData, state: load, reload, busy, run } = usePageLoad(async (): Promise<Inbox> => ({ ...(await listMessages(1, PAGE_SIZE)), page: 1 }))
  const items = data?.items ?? []
  const total = data?.total ?? 0
  const unread = data?.unread ?? 0
  const update = (patch: (inbox: Inbox) => Partial<Inbox>) => setData((inbox) => (inbox ? { ...inbox, ...patch(inbox) } : inbox))

  const onMore = () =>
    run(async () => {
      const next = (data?.page ?? 1) + 1
      const res = await listMessages(next, PAGE_SIZE)
      update((inbox) => ({ items: appendPage(inbox.items, res.items), total: res.total, unread: res.unread, page: next }))
    })

  const onReadAll = () =>
    run(async () => {
      const res = await markAllMessagesRead()
      update((inbox) => ({ items: markedRead(inbox.items, null, new Date().toISOString()), unread: res.unread }))
      showUnreadBadge(res.unread)
    })

  const onOpen = (m: CitizenMessage) =>
    run(async () => {
      if (!m.readAt) {
        const res = await markMessageRead(m.id)
        update((inbox) => ({ items: markedRead(inbox.items, m.id, new Date().toISOString()), unread: res.unread }))
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
          <Button id='messages-retry' className='primary-button' onClick={() => void reload()}>
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
