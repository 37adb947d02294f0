import { afterEach, describe, expect, it, vi } from 'vitest'

async function freshModule() {
  vi.resetModules()
  return import('./privacy')
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

describe('the privacy guard per target', () => {
  it('in the weapp asks the real wx before a privacy API', async () => {
    vi.stubEnv('TARO_ENV', 'weapp')
    const requirePrivacyAuthorize = vi.fn(({ success }: { success: () => void }) => success())
    const onNeedPrivacyAuthorization = vi.fn()
    vi.stubGlobal('wx', { requirePrivacyAuthorize, onNeedPrivacyAuthorization })
    const { privacyGuard, requirePrivacy } = await freshModule()
    privacyGuard.install()
    await requirePrivacy()
    expect(onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
    expect(requirePrivacyAuthorize).toHaveBeenCalledTimes(1)
  })

  it('in H5 never touches wx, even where one exists', async () => {
    vi.stubEnv('TARO_ENV', 'h5')
    const requirePrivacyAuthorize = vi.fn()
    const onNeedPrivacyAuthorization = vi.fn()
    vi.stubGlobal('wx', { requirePrivacyAuthorize, onNeedPrivacyAuthorization })
    const { privacyGuard, requirePrivacy } = await freshModule()
    privacyGuard.install()
    await requirePrivacy()
    expect(onNeedPrivacyAuthorization).not.toHaveBeenCalled()
    expect(requirePrivacyAuthorize).not.toHaveBeenCalled()
  })
})
