import Taro from '@tarojs/taro'
import { parseBusinessPoint, type BusinessPoint } from '../lib/business-point'

const POINT_KEY = 'msjd.businessPoint'

export function handOverPoint(point: BusinessPoint): void {
  try {
    Taro.setStorageSync(POINT_KEY, point)
  } catch {
    // storage unavailable: the enterprise can still bind with the point's invite code
  }
}

export function pendingPoint(): BusinessPoint | null {
  try {
    return parseBusinessPoint(Taro.getStorageSync(POINT_KEY))
  } catch {
    return null
  }
}

export function clearPendingPoint(): void {
  try {
    Taro.removeStorageSync(POINT_KEY)
  } catch {
    // nothing stored
  }
}
