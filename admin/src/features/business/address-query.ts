import { useSearchParams } from 'react-router-dom'

interface QuerySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false }
  parse(value: unknown): T
}

/**
 * Filters live in the address, read back with the feature's shared query schema, so a reload, the back button or a
 * shared link shows the same list; anything the schema rejects falls back to the defaults.
 */
export function useAddressQuery<T extends object>(schema: QuerySchema<T>): [T, (next: Partial<T>) => void] {
  const [params, setParams] = useSearchParams()
  const defaults = schema.parse({})
  const parsed = schema.safeParse(Object.fromEntries(params))
  const query = parsed.success ? parsed.data : defaults

  const update = (next: Partial<T>) => {
    const merged: Record<string, unknown> = { ...query, ...next }
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(merged)) {
      if (value === undefined || value === null || value === '') continue
      // defaults (first page, default page size) stay out of the address
      if (value === (defaults as Record<string, unknown>)[key]) continue
      search.set(key, String(value))
    }
    setParams(search)
  }
  return [query, update]
}
