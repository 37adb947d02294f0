/**
 * 大字模式 and WeChat's own font-size setting (适老化: 工信部《移动互联网应用适老化通用设计规范》, WeChat's 适老化 guide).
 * Every font size in the stylesheets is a token (`var(--text-N)`, defined in app.css on each page's root) computed
 * from `--text-scale`; 大字模式 adds a floor so no text is under 36 design px (18 CSS px in H5, 36rpx in weapp).
 */

/** Where the choice is kept: on this device only, like the other citizen preferences. */
export const TEXT_SIZE_KEY = 'msjd.textSize'

/** The root class that switches every page to large text and larger tap targets. */
export const LARGE_TEXT_CLASS = 'text-large'

export type TextSize = 'standard' | 'large'

/** Anything but an explicit 'large' (nothing stored, a value from an older version, junk) reads as standard. */
export function parseTextSize(stored: unknown): TextSize {
  return stored === 'large' ? 'large' : 'standard'
}

/**
 * WeChat's 字体大小 as a multiplier of our design sizes. WeChat reports `fontSizeScaleFactor` (user size ÷ standard
 * size: 0.94 for 小, up to 2 on Android); a missing or nonsense value means "as designed". The range is bounded so
 * a broken report cannot shrink text below legibility or blow the layout apart.
 */
export function textScaleFrom(fontSizeScaleFactor: unknown): number {
  if (typeof fontSizeScaleFactor !== 'number' || !Number.isFinite(fontSizeScaleFactor) || fontSizeScaleFactor <= 0) return 1
  return Math.round(Math.min(2, Math.max(0.85, fontSizeScaleFactor)) * 100) / 100
}

/** The page root's class list: its own classes, plus the large-text class when that mode is on. */
export function pageRootClass(base: string, size: TextSize): string {
  return size === 'large' ? `${base} ${LARGE_TEXT_CLASS}` : base
}

/** Inline style of the page root: the scale only when it differs from the design, so a standard phone gets none. */
export function pageRootStyle(scale: number): string | undefined {
  return scale === 1 ? undefined : `--text-scale: ${scale};`
}
