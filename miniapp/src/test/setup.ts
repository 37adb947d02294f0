import { afterEach, beforeEach, vi } from 'vitest'
import { cleanup } from '@testing-library/react'
import { useEffect } from 'react'
import { resetTaroMock, router, taroMock } from './taro-mock'

// Taro inlines these at build time; under vitest they are plain env reads. Set before any app module loads.
process.env.TARO_APP_API_BASE = 'http://api.test'

// Build-time switches Taro's runtime and component packages expect the bundler to define.
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  // Globals Taro's compiler provides to app.config.ts / *.config.ts.
  defineAppConfig: <T>(config: T) => config,
  definePageConfig: <T>(config: T) => config,
})

vi.mock('@tarojs/taro', () => {
  // Lifecycle hooks run once on mount, which is what a freshly opened page sees.
  const onMount = (fn: () => void) => useEffect(() => void fn(), [])
  return {
    default: taroMock,
    ...taroMock,
    useLoad: onMount,
    useLaunch: onMount,
    useDidShow: onMount,
    useReady: onMount,
    useDidHide: () => {},
    useUnload: (fn: () => void) => useEffect(() => fn, []),
    useRouter: () => router,
  }
})

beforeEach(() => {
  resetTaroMock()
  delete (process.env as Record<string, string | undefined>).TARO_ENV
})

afterEach(() => {
  cleanup()
})
