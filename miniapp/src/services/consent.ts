import Taro from '@tarojs/taro'
import { currentConsent, NOTICE_VERSION, type NoticeConsent } from '../lib/privacy'

/** Kept on the device only: agreeing to 举报须知 is never sent, so it cannot tie a 保密 report to anyone. */
const CONSENT_KEY = 'msjd.reportNoticeConsent'

export function noticeConsent(): NoticeConsent | null {
  try {
    return currentConsent(Taro.getStorageSync(CONSENT_KEY))
  } catch {
    return null
  }
}

/** Remembers the agreement with the version of 举报须知 it was given for. False when the device would not keep it. */
export function agreeToNotice(now = Date.now()): boolean {
  try {
    Taro.setStorageSync(CONSENT_KEY, { version: NOTICE_VERSION, at: now } satisfies NoticeConsent)
    return true
  } catch {
    return false
  }
}
