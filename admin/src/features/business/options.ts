import { useMemo } from 'react'
import { useRequest } from '../../api/useRequest'
import { listAllUnitOptions, listCampaignOptions, listOnboardUnitOptions, listPointOptions, type NamedOption } from './api'

export interface Directory {
  options: NamedOption[]
  /** false while loading, and when the role may not read the list (the control is left out then) */
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

export const useOnboardUnits = () => useDirectory(listOnboardUnitOptions)
export const useAllUnits = () => useDirectory(listAllUnitOptions)
export const usePoints = () => useDirectory(listPointOptions)
export const useCampaigns = () => useDirectory(listCampaignOptions)
