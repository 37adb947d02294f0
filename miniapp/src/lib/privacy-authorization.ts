// WeChat's 用户隐私保护指引 authorisation (required since 2023-09-15): a privacy API (photos, location, clipboard)
// waits until the citizen agrees in the app's own dialog. WeChat asks through `onNeedPrivacyAuthorization`, handing a
// `resolve` to call with the agree button's id (it checks that button, open-type="agreePrivacyAuthorization", was
// tapped) or with `disagree`. This module holds that handshake without Taro, so it is tested with a fake `wx`.

export type PrivacyEvent = 'exposureAuthorization' | 'agree' | 'disagree'
export type PrivacyResolve = (option: { event: PrivacyEvent; buttonId?: string }) => void

/** The part of `wx` this needs. Older base libraries (before 2.32.3) have neither function: nothing to ask then. */
export interface PrivacyPlatform {
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve, eventInfo: { referrer?: string }) => void) => void
  requirePrivacyAuthorize?: (options: { success?: () => void; fail?: (res: { errMsg?: string }) => void }) => void
}

/** What the dialog shows: the page or component that asked (WeChat's `referrer`), or null when nothing waits. */
export type PrivacyPrompt = { referrer: string } | null

/** The citizen did not agree (or no dialog could ask): the privacy API was not called. */
export class PrivacyRefusedError extends Error {
  constructor(detail?: string) {
    super(detail ? `未同意用户隐私保护指引（${detail}）` : '未同意用户隐私保护指引')
    this.name = 'PrivacyRefusedError'
  }
}

export const isPrivacyRefused = (error: unknown): error is PrivacyRefusedError => error instanceof PrivacyRefusedError

export interface PrivacyGuard {
  /** At launch: answer WeChat's requests through the in-app dialog. Idempotent; a no-op without the platform (H5). */
  install(): void
  /** Before any privacy API: resolves once the citizen has agreed (at once when they already had), else rejects. */
  require(): Promise<void>
  /** The dialog listens for prompts; the current one (or null) is told at once. Returns the unsubscribe. */
  subscribe(listener: (prompt: PrivacyPrompt) => void): () => void
  /** The dialog is on screen: WeChat counts the exposure (once per prompt). */
  shown(): void
  /** From the open-type="agreePrivacyAuthorization" button's own event, with that button's id. */
  agree(buttonId: string): void
  disagree(): void
}

export function createPrivacyGuard(platform: PrivacyPlatform | null): PrivacyGuard {
  // WeChat may ask again while the dialog is open (two privacy APIs in a row): one answer settles every request
  let waiting: PrivacyResolve[] = []
  let referrer = ''
  let exposed = false
  let installed = false
  const listeners = new Set<(prompt: PrivacyPrompt) => void>()
  const prompt = (): PrivacyPrompt => (waiting.length ? { referrer } : null)
  const tell = () => listeners.forEach((l) => l(prompt()))
  const settle = (option: { event: PrivacyEvent; buttonId?: string }) => {
    const all = waiting
    waiting = []
    exposed = false
    all.forEach((resolve) => resolve(option))
    tell()
  }

  return {
    install() {
      if (installed || !platform?.onNeedPrivacyAuthorization) return
      installed = true
      platform.onNeedPrivacyAuthorization((resolve, info) => {
        // a page without the dialog cannot ask: decline at once rather than leave the API hanging
        if (listeners.size === 0) {
          resolve({ event: 'disagree' })
          return
        }
        waiting.push(resolve)
        referrer = info?.referrer ?? ''
        tell()
      })
    },
    require() {
      const requireAuthorize = platform?.requirePrivacyAuthorize
      if (!requireAuthorize) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        requireAuthorize.call(platform, { success: () => resolve(), fail: (res) => reject(new PrivacyRefusedError(res?.errMsg)) })
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      listener(prompt())
      return () => {
        listeners.delete(listener)
      }
    },
    shown() {
      if (exposed || waiting.length === 0) return
      exposed = true
      waiting.forEach((resolve) => resolve({ event: 'exposureAuthorization' }))
    },
    agree(buttonId) {
      settle({ event: 'agree', buttonId })
    },
    disagree() {
      settle({ event: 'disagree' })
    },
  }
}
