import { act, fireEvent, render } from '@testing-library/react'
import { View } from '@tarojs/components'
import { describe, expect, it } from 'vitest'
import { taroMock, taroStorage } from '../test/taro-mock'
import { LARGE_TEXT_CLASS, TEXT_SIZE_KEY } from '../lib/text-size'
import Mine from '../pages/mine/index'
import Home from '../pages/index/index'
import { setTextSize, storedTextSize, usePageRoot } from './text-size'

function Probe() {
  const pageRoot = usePageRoot()
  return <View id='probe' {...pageRoot('page probe')} />
}

describe('大字模式 setting', () => {
  it('is standard on a fresh device and remembered once chosen', () => {
    expect(storedTextSize()).toBe('standard')
    expect(setTextSize('large')).toBe(true)
    expect(taroStorage.get(TEXT_SIZE_KEY)).toBe('large')
    expect(storedTextSize()).toBe('large')
    setTextSize('standard')
    expect(storedTextSize()).toBe('standard')
  })

  it('still applies to the open pages when the device will not store it, and says so', () => {
    taroMock.setStorageSync.mockImplementationOnce(() => {
      throw new Error('storage full')
    })
    const { container } = render(<Probe />)
    let kept = true
    act(() => {
      kept = setTextSize('large')
    })
    expect(kept).toBe(false)
    expect(container.querySelector('#probe')!.className).toBe(`page probe ${LARGE_TEXT_CLASS}`)
  })

  it('changes every open page at once when 我的 switches it', () => {
    const home = render(<Home />)
    const root = () => home.container.querySelector('.page')!
    expect(root().classList.contains(LARGE_TEXT_CLASS)).toBe(false)

    const mine = render(<Mine />)
    const toggle = mine.container.querySelector('#mine-large-text')!
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    expect(mine.container.querySelector('#mine-large-text-state')!.textContent).toBe('已关闭')

    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-checked')).toBe('true')
    expect(mine.container.querySelector('#mine-large-text-state')!.textContent).toBe('已开启')
    expect(taroStorage.get(TEXT_SIZE_KEY)).toBe('large')
    expect(root().classList.contains(LARGE_TEXT_CLASS)).toBe(true)
    expect(mine.container.querySelector('.page')!.classList.contains(LARGE_TEXT_CLASS)).toBe(true)

    fireEvent.click(toggle)
    expect(mine.container.querySelector('#mine-large-text-state')!.textContent).toBe('已关闭')
    expect(root().classList.contains(LARGE_TEXT_CLASS)).toBe(false)
  })

  it('opens a page large when it was chosen earlier', () => {
    taroStorage.set(TEXT_SIZE_KEY, 'large')
    const { container } = render(<Home />)
    expect(container.querySelector('.page')!.classList.contains(LARGE_TEXT_CLASS)).toBe(true)
  })
})
