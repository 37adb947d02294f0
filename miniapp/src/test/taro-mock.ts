import { vi } from 'vitest'

/**
 * A stand-in for `@tarojs/taro` under vitest: the APIs the app calls, as spies, over an in-memory storage.
 * Tests script `request`/`login` answers and read what was toasted or navigated to.
 */
const storage = new Map<string, unknown>()
export const router = { params: {} as Record<string, string | undefined> }

export const taroMock = {
  request: vi.fn(),
  login: vi.fn(),
  getRandomValues: vi.fn(),
  showToast: vi.fn(async (_options: { title: string; icon?: string; duration?: number }) => ({ errMsg: 'showToast:ok' })),
  switchTab: vi.fn(async (_options: { url: string }) => ({ errMsg: 'switchTab:ok' })),
  navigateTo: vi.fn(async (_options: { url: string }) => ({ errMsg: 'navigateTo:ok' })),
  setNavigationBarTitle: vi.fn(async (_options: { title: string }) => ({ errMsg: 'setNavigationBarTitle:ok' })),
  getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
  getCurrentInstance: vi.fn(() => ({ router })),
}

export function resetTaroMock() {
  storage.clear()
  router.params = {}
  for (const fn of Object.values(taroMock)) fn.mockClear()
  taroMock.request.mockReset()
  taroMock.login.mockReset()
  taroMock.getRandomValues.mockReset()
}

export const taroStorage = storage
