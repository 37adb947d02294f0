import { createContext, useContext } from 'react'

/** 工作台: where every role with case work starts. */
export const homePath = '/dashboard'

// The status pages (not found, forbidden, 建设中) need the user's first page, which the menu decides; the menu in turn
// loads the feature pages that show those status pages. The layout hands the answer down here so the status pages
// never import the menu (that import was a cycle menu → pages → status pages → menu).
const HomePathContext = createContext<string>(homePath)

export const HomePathProvider = HomePathContext.Provider

/** The signed-in user's first page (homePathFor in menu.tsx), as the layout provides it. */
export function useHomePath(): string {
  return useContext(HomePathContext)
}
