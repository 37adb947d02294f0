import { useMemo } from 'react'
import { useRequest } from '../api/useRequest'

export type NamedOption = { value: string; label: string }

/** A list of names to pick from and to show in place of ids (units, categories, tour groups, points …). */
export interface Directory {
  options: NamedOption[]
  /** false while loading, and when the role may not read the list (the control is left out then) */
  available: boolean
  nameOf: (key: string | null | undefined) => string | undefined
}

/** Loads a directory once per page; ids it does not know name as undefined, so the caller decides what to show. */
export function useDirectory(load: (signal: AbortSignal) => Promise<NamedOption[]>): Directory {
  const { data } = useRequest(load, [])
  return useMemo(() => {
    const options = data ?? []
    const names = new Map(options.map((o) => [o.value, o.label]))
    return { options, available: data !== undefined, nameOf: (key) => (key ? names.get(key) : undefined) }
  }, [data])
}
