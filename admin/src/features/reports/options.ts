import { useMemo } from 'react'
import { useRequest } from '../../api/useRequest'
import { listCategories, listTourGroupOptions, listTourRoundOptions, listUnitOptions, type NamedOption } from './api'

export interface Directory {
  options: NamedOption[]
  /** false while loading, and when the server has no such list (the control is left out then) */
  available: boolean
  nameOf: (id: string | null | undefined) => string | undefined
}

function useDirectory(load: (signal: AbortSignal) => Promise<NamedOption[]>): Directory {
  const { data } = useRequest(load, [])
  return useMemo(() => {
    const options = data ?? []
    const names = new Map(options.map((o) => [o.value, o.label]))
    return { options, available: data !== undefined, nameOf: (id) => (id ? names.get(id) : undefined) }
  }, [data])
}

export const useCategories = () => useDirectory(listCategories)
export const useUnits = () => useDirectory(listUnitOptions)
/** Unavailable (control left out) when the role may not read tour groups / rounds. */
export const useTourGroups = () => useDirectory(listTourGroupOptions)
export const useTourRounds = () => useDirectory(listTourRoundOptions)
