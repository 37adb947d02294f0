import Taro from '@tarojs/taro'
import { addReceipt, parseReceipts, removeReceipt, type LocalReceipt } from '../lib/receipts'

const KEY = 'msjd.confidentialReceipts'

export function localReceipts(): LocalReceipt[] {
  try {
    return parseReceipts(Taro.getStorageSync(KEY))
  } catch {
    return []
  }
}

function store(list: LocalReceipt[]): boolean {
  try {
    Taro.setStorageSync(KEY, list)
    return true
  } catch {
    return false
  }
}

export const keepReceipt = (receipt: LocalReceipt) => store(addReceipt(localReceipts(), receipt))
export const forgetReceipt = (serial: string) => store(removeReceipt(localReceipts(), serial))
