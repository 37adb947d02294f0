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
  showModal: vi.fn(async (_options: { title?: string; content?: string; confirmText?: string; cancelText?: string }) => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  setClipboardData: vi.fn(async (_options: { data: string }) => ({ errMsg: 'setClipboardData:ok' })),
  chooseImage: vi.fn(),
  chooseLocation: vi.fn(),
  uploadFile: vi.fn(),
  enableAlertBeforeUnload: vi.fn(),
  disableAlertBeforeUnload: vi.fn(),
  hideHomeButton: vi.fn(),
  requestSubscribeMessage: vi.fn(async (_options: { tmplIds: string[] }): Promise<Record<string, string>> => ({ errMsg: 'requestSubscribeMessage:ok' })),
  setTabBarBadge: vi.fn(async (_options: { index: number; text: string }) => ({ errMsg: 'setTabBarBadge:ok' })),
  removeTabBarBadge: vi.fn(async (_options: { index: number }) => ({ errMsg: 'removeTabBarBadge:ok' })),
  pageScrollTo: vi.fn(async (_options: { selector?: string; scrollTop?: number; offsetTop?: number; duration?: number }) => ({ errMsg: 'pageScrollTo:ok' })),
}

export function resetTaroMock() {
  storage.clear()
  router.params = {}
  for (const fn of Object.values(taroMock)) fn.mockClear()
  taroMock.request.mockReset()
  taroMock.login.mockReset()
  taroMock.getRandomValues.mockReset()
  taroMock.chooseImage.mockReset()
  taroMock.chooseLocation.mockReset()
  taroMock.uploadFile.mockReset()
  taroMock.requestSubscribeMessage.mockReset()
  taroMock.showModal.mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
}

export const taroStorage = storage
