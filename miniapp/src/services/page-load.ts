import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { toApiRequestError } from '../lib/api-error'

/** What a page shows while its data comes: 加载中, the data, or why it failed (with 重试). */
export type LoadState = { kind: 'loading' } | { kind: 'ok' } | { kind: 'failed'; message: string }

export interface SingleFlight {
  /** true while an action runs: its buttons are disabled. */
  busy: boolean
  /**
   * Runs one action at a time: a second tap while one runs is ignored (a double-tapped 提交 sends once). A failure
   * is told by the request helper or by the action itself, so it ends here.
   */
  run: (action: () => Promise<void>) => Promise<void>
}

export function useSingleFlight(): SingleFlight {
  const [busy, setBusy] = useState(false)
  // the state arrives a render late; the ref shuts the door on the very next tap
  const running = useRef(false)
  const run = async (action: () => Promise<void>) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      await action()
    } catch {
      // told already (see above)
    } finally {
      running.current = false
      setBusy(false)
    }
  }
  return { busy, run }
}

export interface PageLoad<T> extends SingleFlight {
  /** The last data that loaded; kept while a reload runs or fails. */
  data: T | null
  /** Actions replace the data with the server's answer (a rated case, a page of messages appended). */
  setData: (next: T | ((previous: T | null) => T | null)) => void
  state: LoadState
  reload: () => Promise<void>
}

/**
 * A page's data, loaded each time the page is shown (a case rated elsewhere, a message arrived meanwhile), with the
 * loading/failed states and the page's single-flight actions.
 */
export function usePageLoad<T>(load: () => Promise<T>): PageLoad<T> {
  const [data, setData] = useState<T | null>(null)
  const [state, setState] = useState<LoadState>({ kind: 'loading' })
  const flight = useSingleFlight()
  const reload = async () => {
    try {
      setData(await load())
      setState({ kind: 'ok' })
    } catch (error) {
      setState({ kind: 'failed', message: toApiRequestError(error).message })
    }
  }
  useDidShow(() => void reload())
  return { data, setData, state, reload, ...flight }
}
