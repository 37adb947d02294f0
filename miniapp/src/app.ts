import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { ensureSession } from './services/auth'
import { showErrorToast } from './services/feedback'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Log in while the citizen reads the home page, so the first real action does not wait for it.
    // A failure (server down, login switched off) is told once and retried by the next request.
    ensureSession().catch(showErrorToast)
  })
  return children
}

export default App
