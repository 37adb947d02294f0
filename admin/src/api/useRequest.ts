import { useCallback, useEffect, useState, type DependencyList } from 'react'
import { ApiRequestError, clientErrorCodes, toApiRequestError } from './client'

export interface RequestState<T> {
  data?: T
  error?: ApiRequestError
  loading: boolean
  reload: () => void
}

/**
 * Loads data for a page and reloads it when `deps` change. The previous data stays visible while the next
 * request runs (a table keeps its rows under the spinner instead of flashing empty), and a request overtaken by
 * a newer one is cancelled so a slow answer can never overwrite a fresher one.
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): RequestState<T> {
  const [state, setState] = useState<Omit<RequestState<T>, 'reload'>>({ loading: true })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    setState((previous) => ({ data: previous.data, loading: true }))
    load(controller.signal).then(
      (data) => setState({ data, loading: false }),
      (failure: unknown) => {
        const error = toApiRequestError(failure)
        if (error.code === clientErrorCodes.aborted) return
        setState((previous) => ({ data: previous.data, error, loading: false }))
      },
    )
    return () => controller.abort()
    // `load` is a fresh closure on every render; the caller lists what it depends on, as with useMemo.
  }, [...deps, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, reload }
}
