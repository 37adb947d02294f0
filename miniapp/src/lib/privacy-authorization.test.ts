import { describe, expect, it, vi } from 'vitest'
import { createPrivacyGuard, isPrivacyRefused, type PrivacyPlatform, type PrivacyResolve } from './privacy-authorization'

/**
 * A fake `wx` that behaves like WeChat's base library: until the citizen has agreed, `requirePrivacyAuthorize` raises
 * the need-authorisation event and waits for the app's `resolve`; `agree` with an id succeeds, `disagree` fails with
 * WeChat's message. What each resolve was called with is recorded.
 */
function fakeWx(opts: { authorized?: boolean } = {}) {
  let authorized = opts.authorized ?? false
  let listener: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | null = null
  const answers: { event: string; buttonId?: string }[] = []
  const wx: Required<PrivacyPlatform> = {
    onNeedPrivacyAuthorization: vi.fn((l) => {
      listener = l
    }),
    requirePrivacyAuthorize: vi.fn(({ success, fail }) => {
      if (authorized) return success?.()
      if (!listener) return fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
      listener(
        (answer) => {
          answers.push(answer)
          if (answer.event === 'exposureAuthorization') return
          if (answer.event === 'agree' && answer.buttonId) {
            authorized = true
            success?.()
          } else fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
        },
        { referrer: 'pages/report/index' },
      )
    }),
  }
  return { wx, answers }
}

describe('privacy guard (weapp, 用户隐私保护指引)', () => {
  it('holds a privacy API until the citizen agrees in the dialog, answering WeChat with the agree button id', async () => {
    const { wx, answers } = fakeWx()
    const guard = createPrivacyGuard(wx)
    guard.install()
    guard.install()
    expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
    const prompts: unknown[] = []
    guard.subscribe((p) => prompts.push(p))
    expect(prompts).toEqual([null])

    let done = false
    const asked = guard.require().then(() => {
      done = true
    })
    expect(prompts.at(-1)).toEqual({ referrer: 'pages/report/index' })
    guard.shown()
    guard.shown()
    expect(answers).toEqual([{ event: 'exposureAuthorization' }])
    await Promise.resolve()
    expect(done).toBe(false)

    guard.agree('privacy-agree')
    await asked
    expect(answers.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' })
    expect(prompts.at(-1)).toBeNull()
    // agreed once: the next privacy API goes straight through, no dialog
    await guard.require()
    expect(prompts.at(-1)).toBeNull()
    expect(answers).toHaveLength(2)
  })

  it('refuses the API when the citizen disagrees, and asks again next time', async () => {
    const { wx, answers } = fakeWx()
    const guard = createPrivacyGuard(wx)
    guard.install()
    const prompts: unknown[] = []
    guard.subscribe((p) => prompts.push(p))
    const asked = guard.require()
    guard.disagree()
    const refusal = await asked.catch((e: unknown) => e)
    expect(isPrivacyRefused(refusal)).toBe(true)
    expect(String((refusal as Error).message)).toContain('未同意用户隐私保护指引')
    expect(answers).toEqual([{ event: 'disagree' }])
    expect(prompts.at(-1)).toBeNull()
    const again = guard.require()
    expect(prompts.at(-1)).toEqual({ referrer: 'pages/report/index' })
    guard.agree('privacy-agree')
    await again
  })

  it('settles every request waiting with the one answer', async () => {
    const { wx, answers } = fakeWx()
    const guard = createPrivacyGuard(wx)
    guard.install()
    guard.subscribe(() => undefined)
    const both = Promise.all([guard.require(), guard.require()])
    guard.agree('privacy-agree')
    await both
    expect(answers.filter((a) => a.event === 'agree')).toHaveLength(2)
  })

  it('declines at once when no page shows the dialog, instead of leaving the API hanging', async () => {
    const { wx, answers } = fakeWx()
    const guard = createPrivacyGuard(wx)
    guard.install()
    const unsubscribe = guard.subscribe(() => undefined)
    unsubscribe()
    await expect(guard.require()).rejects.toThrow('未同意用户隐私保护指引')
    expect(answers).toEqual([{ event: 'disagree' }])
  })

  it('lets an authorised citizen through without asking', async () => {
    const { wx, answers } = fakeWx({ authorized: true })
    const guard = createPrivacyGuard(wx)
    guard.install()
    await guard.require()
    expect(answers).toEqual([])
  })

  it('is a no-op without the platform (H5) or on an old base library', async () => {
    const h5 = createPrivacyGuard(null)
    h5.install()
    await h5.require()
    const old = createPrivacyGuard({})
    old.install()
    await old.require()
    const prompts: unknown[] = []
    old.subscribe((p) => prompts.push(p))
    old.agree('privacy-agree')
    expect(prompts).toEqual([null, null])
  })
})
