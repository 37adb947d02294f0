/** Routes of the tab pages; WeChat only allows `switchTab` to reach them. */
export const tabRoutes = {
  home: '/pages/index/index',
  report: '/pages/report/index',
  track: '/pages/track/index',
  mine: '/pages/mine/index',
} as const

/** Features whose pages are not built yet; they all open the one placeholder page. Summaries carry no final 。 */
export const pendingFeatures = {} as const satisfies Record<string, { title: string; summary: string }>

export type PendingFeatureKey = keyof typeof pendingFeatures

export function pendingFeatureUrl(key: PendingFeatureKey): string {
  return `/pages/pending/index?feature=${key}`
}

export function findPendingFeature(key: string | undefined): { title: string; summary: string } | null {
  return key !== undefined && Object.prototype.hasOwnProperty.call(pendingFeatures, key)
    ? pendingFeatures[key as PendingFeatureKey]
    : null
}

export type HomeEntryTarget = { kind: 'tab'; url: string } | { kind: 'page'; url: string }

export interface HomeEntry {
  /** Also the element id suffix: `entry-<key>`. */
  key: 'report' | 'track' | 'tour-notices' | 'surveys' | 'business' | PendingFeatureKey
  title: string
  summary: string
  target: HomeEntryTarget
}

export const homeEntries: readonly HomeEntry[] = [
  {
    key: 'report',
    title: '我要反映',
    summary: '反映作风问题和侵害群众利益问题，可实名，也可保密',
    target: { kind: 'tab', url: tabRoutes.report },
  },
  {
    key: 'track',
    title: '进度查询',
    summary: '凭查询码和密码查看办理进度与答复',
    target: { kind: 'tab', url: tabRoutes.track },
  },
  {
    key: 'tour-notices',
    title: '巡察公示',
    summary: '查看巡察组进驻公告、巡察时间和联系方式',
    target: { kind: 'page', url: '/pages/notices/index' },
  },
  {
    key: 'surveys',
    title: '巡察调研',
    summary: '参与巡察调研问卷，反映意见和建议',
    target: { kind: 'page', url: '/pages/surveys/index' },
  },
  {
    key: 'business',
    title: '营商环境评价',
    summary: '企业对政务服务事项和窗口单位进行好差评、投诉',
    target: { kind: 'page', url: '/pages/business/index' },
  },
  ...(Object.keys(pendingFeatures) as PendingFeatureKey[]).map((key) => {
    // no feature is pending now; the type of an entry stays for the next one
    const feature: { title: string; summary: string } = pendingFeatures[key]
    return { key, title: feature.title, summary: feature.summary, target: { kind: 'page' as const, url: pendingFeatureUrl(key) } }
  }),
]

/**
 * How 实名 reports are filed here. The weapp logs in by WeChat; H5 by an SMS code when the server has an SMS provider,
 * by device login where the server still allows it (development), and otherwise not at all: then H5 offers 保密 only.
 * Until the server has answered (or when it cannot be asked) the form behaves as before and the server decides.
 */
export type RealNameMode = 'wechat' | 'sms' | 'device' | 'none'

export function realNameMode(platform: string | undefined, options: { device: boolean; sms: boolean } | null): RealNameMode {
  if (platform !== 'h5') return 'wechat'
  if (!options) return 'device'
  if (options.sms) return 'sms'
  return options.device ? 'device' : 'none'
}

/** Said under the choices when H5 cannot file 实名 reports. */
export const REAL_NAME_UNAVAILABLE_TEXT =
  '网页版暂未开通短信验证，无法核实身份，只能保密反映：不填姓名和电话，提交后凭查询码和查询密码查看进度。如需实名反映，请在微信中打开“码上监督”小程序，或拨打 12388。'
