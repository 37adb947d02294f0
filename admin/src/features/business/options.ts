import { useDirectory } from '../../components/useDirectory'
import { listAllUnitOptions, listCampaignOptions, listOnboardUnitOptions, listPointOptions } from './api'

export type { Directory } from '../../components/useDirectory'

export const useOnboardUnits = () => useDirectory(listOnboardUnitOptions)
export const useAllUnits = () => useDirectory(listAllUnitOptions)
export const usePoints = () => useDirectory(listPointOptions)
export const useCampaigns = () => useDirectory(listCampaignOptions)
