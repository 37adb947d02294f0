import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// Pages load lazily and antd renders a lot under jsdom: on a busy 2-core machine the default 1 s wait of
// findBy*/waitFor is too short to tell a slow render from a missing element.
configure({ asyncUtilTimeout: 8000 })

// vitest runs without globals, so Testing Library cannot register its own clean-up.
afterEach(() => {
  cleanup()
  localStorage.clear()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

// jsdom lacks matchMedia; antd's responsive pieces (Sider breakpoints, Grid) subscribe to it.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
})


// jsdom's getComputedStyle matches the element against every rule antd's CSS-in-JS has injected (about a second
// per call here, and antd's Table calls it on every mount to measure scrollbars), yet jsdom lays nothing out, so
// the cascade tells a test nothing. The inline style is enough; it also answers for pseudo-elements, which jsdom
// does not implement.
window.getComputedStyle = (element: Element) => (element as HTMLElement).style
