// 订阅消息: a citizen is told of their report's progress only if they allowed it, and WeChat shows the permission
// dialog only from a tap. The template ids are loaded at launch so the ask itself happens on the tap, with nothing
// awaited before it; it never holds up what the tap does.
import Taro from '@tarojs/taro'
import { subscribeTemplatesResponse } from '@msjd/shared/reports'
import { send } from './transport'

let templateIds: string[] = []

/** At launch, in the weapp: which templates to ask for (none when the server has no WeChat configured). */
export async function loadSubscribeTemplates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    const parsed = subscribeTemplatesResponse.safeParse(await send({ method: 'GET', path: '/api/public/wechat/subscribe-templates' }))
    templateIds = parsed.success && parsed.data.report ? [parsed.data.report] : []
  } catch {
    // without the ids nothing is asked; the in-app 消息 list still holds every notice
    templateIds = []
  }
}

export type SubscribeOutcome = 'accepted' | 'refused' | 'unavailable'

/** Call synchronously from the tap handler (before any await). */
export function askToNotify(): Promise<SubscribeOutcome> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return Promise.resolve('unavailable')
  const ids = templateIds
  return Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).then(
    (res) => ((res as unknown as Record<string, string>)[ids[0]!] === 'accept' ? 'accepted' : 'refused'),
    () => 'unavailable' as const,
  )
}
