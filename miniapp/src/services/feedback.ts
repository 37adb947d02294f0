import Taro from '@tarojs/taro'
import { toApiRequestError, toastText } from '../lib/api-error'

/** One place decides how a failure is told to the citizen: a plain toast, long enough to read two lines. */
export function showErrorToast(error: unknown): void {
  void Taro.showToast({ title: toastText(toApiRequestError(error)), icon: 'none', duration: 3000 })
}
