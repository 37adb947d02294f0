import { useState } from 'react'
import { errorText, toApiRequestError } from './client'

/**
 * A button's request: `busy` while it runs, `failure` (the server's Chinese message) when it fails, `after` when it
 * succeeds. `setFailure` lets a form show its own check's message in the same place before anything is sent.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const run = async (request: () => Promise<unknown>, after?: () => void) => {
    setBusy(true)
    setFailure(undefined)
    try {
      await request()
      after?.()
    } catch (e) {
      setFailure(errorText(toApiRequestError(e)))
    } finally {
      setBusy(false)
    }
  }
  return { busy, failure, setFailure, run }
}
