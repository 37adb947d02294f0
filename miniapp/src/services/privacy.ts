import { createPrivacyGuard, type PrivacyPlatform } from '../lib/privacy-authorization'

declare const wx: PrivacyPlatform | undefined

/**
 * The weapp's one privacy guard over the real `wx`. H5 has no such authorisation: TARO_ENV is a literal at build
 * time, so there the guard gets no platform and every call is a no-op.
 */
export const privacyGuard = createPrivacyGuard(process.env.TARO_ENV === 'weapp' && typeof wx !== 'undefined' ? wx : null)

/** Call before chooseImage / chooseLocation / setClipboardData; rejects with PrivacyRefusedError when refused. */
export const requirePrivacy = () => privacyGuard.require()
