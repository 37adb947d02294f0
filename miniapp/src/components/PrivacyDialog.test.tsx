import { act, fireEvent, render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { createPrivacyGuard, type PrivacyResolve } from '../lib/privacy-authorization'
import { taroMock } from '../test/taro-mock'
import PrivacyDialog, { AGREE_BUTTON_ID } from './PrivacyDialog'

/** WeChat's side: a pending privacy API whose resolve records the answers. */
function pendingRequest() {
  let listener: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | null = null
  const answers: unknown[] = []
  const guard = createPrivacyGuard({ onNeedPrivacyAuthorization: (l) => (listener = l), requirePrivacyAuthorize: vi.fn() })
  guard.install()
  const ask = () => act(() => listener!((a) => answers.push(a), { referrer: 'chooseImage' }))
  return { guard, answers, ask }
}

const $ = (c: HTMLElement, id: string) => c.querySelector(`#${id}`) as HTMLElement | null

/** jsdom has no weapp-only events: call the handler React holds for the element, as WeChat's event would. */
function weappEvent(element: HTMLElement, handler: string) {
  for (let el: HTMLElement | null = element; el; el = el.parentElement) {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
    const fn = key ? (el as unknown as Record<string, Record<string, unknown>>)[key]![handler] : undefined
    if (typeof fn === 'function') return fn({ type: handler })
  }
  throw new Error(`no ${handler} on #${element.id}`)
}

describe('the in-app privacy dialog', () => {
  it('appears only while WeChat waits, reports its exposure, and agrees through the open-type button', () => {
    const { guard, answers, ask } = pendingRequest()
    const { container } = render(<PrivacyDialog guard={guard} />)
    expect($(container, 'privacy-dialog')).toBeNull()
    ask()
    expect($(container, 'privacy-dialog')).not.toBeNull()
    expect(answers).toEqual([{ event: 'exposureAuthorization' }])
    fireEvent.click($(container, 'privacy-dialog-guide')!)
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/about/privacy' })
    // a plain tap agrees to nothing: WeChat's agreeprivacyauthorization event of the open-type button does
    fireEvent.click($(container, AGREE_BUTTON_ID)!)
    expect(answers).toHaveLength(1)
    act(() => weappEvent($(container, AGREE_BUTTON_ID)!, 'onAgreePrivacyAuthorization'))
    expect(answers.at(-1)).toEqual({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    expect($(container, 'privacy-dialog')).toBeNull()
  })

  it('不同意 answers disagree and closes', () => {
    const { guard, answers, ask } = pendingRequest()
    const { container } = render(<PrivacyDialog guard={guard} />)
    ask()
    fireEvent.click($(container, 'privacy-disagree')!)
    expect(answers.at(-1)).toEqual({ event: 'disagree' })
    expect($(container, 'privacy-dialog')).toBeNull()
  })
})
