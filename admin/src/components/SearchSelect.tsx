import { Select, Spin } from 'antd'
import { useEffect, useState } from 'react'
import type { NamedOption } from './useDirectory'

interface SearchSelectProps {
  id?: string
  value?: string
  onChange?: (value?: string) => void
  placeholder: string
  /** Asks the server for what matches the typed text (too many to load up front: units, reports). */
  search: (q: string, signal: AbortSignal) => Promise<NamedOption[]>
}

/** A select that searches the server as one types (after a pause), cancelling the search the next keystroke overtakes. */
export function SearchSelect({ id, value, onChange, placeholder, search }: SearchSelectProps) {
  const [keyword, setKeyword] = useState('')
  const [options, setOptions] = useState<NamedOption[]>([])
  const [loading, setLoading] = useState(false)

  useEffect(() => {
    const q = keyword.trim()
    if (!q) return setOptions([])
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setLoading(true)
      search(q, controller.signal).then(
        (found) => {
          setOptions(found)
          setLoading(false)
        },
        () => setLoading(false),
      )
    }, 300)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
    // `search` is a fresh closure each render; what it searches by is fixed while the form is open
  }, [keyword])

  return (
    <Select
      id={id}
      showSearch
      allowClear
      placeholder={placeholder}
      filterOption={false}
      onSearch={setKeyword}
      notFoundContent={loading ? <Spin size="small" /> : keyword ? '未找到' : null}
      options={options}
      value={value}
      onChange={onChange}
    />
  )
}
