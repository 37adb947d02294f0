import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { LARGE_TEXT_CLASS, pageRootClass, pageRootStyle, parseTextSize, TEXT_SIZE_KEY, textScaleFrom, type TextSize } from '../lib/text-size'

const listeners = new Set<(size: TextSize) => void>()

// Taro's H5 chrome (tab bar, title bar, toasts, modals) lives outside every page root, so in H5 大字模式 also marks
// <html>, and its own stylesheet (H5 only: the branch and the file drop out of the weapp build) sizes that chrome.
if (process.env.TARO_ENV === 'h5') require('../h5-chrome.css')

function markDocument(size: TextSize): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  document.documentElement.classList.toggle(LARGE_TEXT_CLASS, size === 'large')
}

/** 大字模式 as remembered on this device (standard when nothing or something unreadable is stored). */
export function storedTextSize(): TextSize {
  try {
    return parseTextSize(Taro.getStorageSync(TEXT_SIZE_KEY))
  } catch {
    return 'standard'
  }
}

/** Remembers the choice and applies it at once to every open page. False when the device would not keep it. */
export function setTextSize(size: TextSize): boolean {
  let kept = true
  try {
    Taro.setStorageSync(TEXT_SIZE_KEY, size)
  } catch {
    kept = false
  }
  listeners.forEach((listener) => listener(size))
  markDocument(size)
  return kept
}

/**
 * WeChat's 字体大小 (我 › 设置 › 通用 › 字体大小, or 关怀模式). WeChat's 适老化 guide has mini-programs read
 * `fontSizeScaleFactor` from getAppBaseInfo and size their text by it: our rpx sizes do not follow the setting by
 * themselves, and `page-meta` root-font-size="system" would only reach rem units. H5 leaves it to the browser.
 */
export function wechatTextScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1
  try {
    // Taro 4.2's typing of getAppBaseInfo omits fontSizeScaleFactor, which WeChat documents and returns
    return textScaleFrom((Taro.getAppBaseInfo() as { fontSizeScaleFactor?: unknown }).fontSizeScaleFactor)
  } catch {
    return 1
  }
}

/**
 * The props of a page's root view, given its own classes: `text-large` added in 大字模式, and WeChat's text scale.
 * Re-read when the page is shown, and changed at once on every open page when 我的 switches the mode.
 */
export function usePageRoot(): (base: string) => { className: string; style?: string } {
  const [size, setSize] = useState<TextSize>(storedTextSize)
  const [scale, setScale] = useState(wechatTextScale)
  useEffect(() => {
    listeners.add(setSize)
    return () => void listeners.delete(setSize)
  }, [])
  useDidShow(() => {
    setSize(storedTextSize())
    setScale(wechatTextScale())
  })
  useEffect(() => markDocument(size), [size])
  const style = pageRootStyle(scale)
  return (base) => (style ? { className: pageRootClass(base, size), style } : { className: pageRootClass(base, size) })
}
