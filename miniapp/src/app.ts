import '@msjd/shared/client-runtime'
import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { ensureSession, SMS_LOGIN_REQUIRED } from './services/auth'
import { isApiRequestError } from './lib/api-error'
import { loadSubscribeTemplates } from './services/subscribe'
import { showErrorToast } from './services/feedback'
import { privacyGuard } from './services/privacy'
import { refreshUnreadBadge } from './services/messages'
import { sceneLaunchUrl, type LaunchTarget } from './lib/scene'
import './app.css'

/**
 * H5: every page opens at its top. The browser restores the last scroll position of the one document, so a page
 * opened after a long one started half-scrolled with its banner off-screen.
 */
function openPagesAtTop() {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual'
  Taro.eventCenter.on('__taroRouterChange', () => {
    setTimeout(() => {
      window.scrollTo(0, 0)
      document.querySelectorAll<HTMLElement>('.taro_page').forEach((page) => {
        page.scrollTop = 0
      })
    }, 0)
  })
}

/**
 * weapp: a poster's code that WeChat opened on another page than the scene page (see sceneLaunchUrl) goes on to it.
 * Navigating before WeChat has put the first page on the stack fails, so this waits for that page (a few seconds at
 * most), and the page the launch opened stays underneath for 返回.
 */
function openSceneOfLaunch(launch: LaunchTarget) {
  if (process.env.TARO_ENV !== 'weapp') return
  const url = sceneLaunchUrl(launch)
  if (!url) return
  const giveUpAt = Date.now() + 5000
  const go = () => {
    if (Taro.getCurrentPages().length > 0) void Taro.navigateTo({ url }).catch(() => undefined)
    else if (Date.now() < giveUpAt) setTimeout(go, 50)
  }
  setTimeout(go, 0)
}

function App({ children }: PropsWithChildren) {
  useLaunch((launch) => {
    // before any page can call a privacy API (weapp; nothing in H5)
    privacyGuard.install()
    openPagesAtTop()
    openSceneOfLaunch(launch)
    // Log in while the citizen reads the home page, so the first real action does not wait for it.
    // A failure (server down, login switched off) is told once and retried by the next request.
    // H5 in production has no login until a number is verified by SMS (实名): nothing to tell at launch then.
    ensureSession()
      .then(() => refreshUnreadBadge())
      .catch((error: unknown) => {
        if (!(isApiRequestError(error) && error.code === SMS_LOGIN_REQUIRED)) showErrorToast(error)
      })
    void loadSubscribeTemplates()
  })
  return children
}

export default App
