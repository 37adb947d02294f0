import { useEffect, useState } from 'react'
import { publicRetentionResponse } from '@msjd/shared/retention'
import { send } from './transport'

let years: Promise<number | null> | null = null

/**
 * The years staff set for keeping a finished report's reporter identity, photos and video (GET /api/public/retention),
 * read once per launch without a login (H5 may have none). Null when the server cannot say: the texts then state the
 * default as the default, and the next page asks again.
 */
export function retentionYears(): Promise<number | null> {
  if (!years) {
    years = send({ path: '/api/public/retention' }).then(
      (body) => {
        const parsed = publicRetentionResponse.safeParse(body)
        return parsed.success ? parsed.data.reportSealedMaterialYears : null
      },
      () => {
        years = null
        return null
      },
    )
  }
  return years
}

/** The set retention years for a page's texts; null until known (or when the server cannot be reached). */
export function useRetentionYears(): number | null {
  const [value, setValue] = useState<number | null>(null)
  useEffect(() => {
    let live = true
    void retentionYears().then((y) => live && setValue(y))
    return () => {
      live = false
    }
  }, [])
  return value
}

/** Tests: forget what was read. */
export function forgetRetentionYears() {
  years = null
}
