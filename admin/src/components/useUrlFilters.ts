import { useSearchParams } from 'react-router-dom'

interface QuerySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false }
  parse(value: unknown): T
}

/**
 * A list's filters and page live in the address, read back with the feature's shared query schema, so a reload, the
 * back button or a shared link shows the same list; anything the schema rejects falls back to the defaults.
 * Returns the query, a patcher, and a reset that clears every filter but keeps the chosen page size.
 */
export function useUrlFilters<T extends object>(schema: QuerySchema<T>): [T, (next: Partial<T>) => void, () => void] {
  const [params, setParams] = useSearchParams()
  const defaults = schema.parse({}) as Record<string, unknown>
  const parsed = schema.safeParse(Object.fromEntries(params))
  const query = parsed.success ? parsed.data : (defaults as T)

  const write = (values: Record<string, unknown>) => {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(values)) {
      // unset filters and defaults (first page, default page size, a box left unticked) stay out of the address
      if (value === undefined || value === null || value === '' || value === defaults[key]) continue
      search.set(key, String(value))
    }
    setParams(search)
  }
  const update = (next: Partial<T>) => write({ ...query, ...next })
  const reset = () => write('pageSize' in query ? { pageSize: (query as { pageSize?: unknown }).pageSize } : {})
  return [query, update, reset]
}
