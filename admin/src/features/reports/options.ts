import { useDirectory } from '../../components/useDirectory'
import { listCategories, listTourGroupOptions, listTourRoundOptions, listUnitOptions } from './api'

export type { Directory } from '../../components/useDirectory'

export const useCategories = () => useDirectory(listCategories)
export const useUnits = () => useDirectory(listUnitOptions)
/** Unavailable (control left out) when the role may not read tour groups / rounds. */
export const useTourGroups = () => useDirectory(listTourGroupOptions)
export const useTourRounds = () => useDirectory(listTourRoundOptions)
