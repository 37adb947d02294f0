import { waitFor } from '@testing-library/react'

/** Waits for an element to be rendered and returns it (waitFor retries only while the callback throws). */
export async function present(selector: string, timeout = 8000): Promise<Element> {
  return waitFor(
    () => {
      const el = document.querySelector(selector)
      if (!el) throw new Error(`${selector} not rendered yet`)
      return el
    },
    { timeout },
  )
}
