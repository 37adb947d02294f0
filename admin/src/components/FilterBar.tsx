import { Button, DatePicker, Space } from 'antd'
import dayjs from 'dayjs'
import type { CSSProperties, ReactNode } from 'react'

interface FilterBarProps {
  /** The filters themselves (inputs, selects, date ranges, ticks). */
  children: ReactNode
  /** 查询: for filters that apply on demand (typed text); selects apply as they change. */
  onSearch?: () => void
  searchId?: string
  /** 重置: back to every filter unset. */
  onReset?: () => void
  resetId?: string
  /** After the buttons, e.g. 导出 Excel of what the filters select. */
  extra?: ReactNode
  style?: CSSProperties
}

/** The row of filters above a list, with 查询 and 重置 in the same place on every page. */
export function FilterBar({ children, onSearch, searchId, onReset, resetId, extra, style }: FilterBarProps) {
  return (
    <Space wrap style={{ marginBottom: 16, ...style }}>
      {children}
      {onSearch ? (
        <Button id={searchId} type="primary" onClick={onSearch}>
          查询
        </Button>
      ) : null}
      {onReset ? (
        <Button id={resetId} onClick={onReset}>
          重置
        </Button>
      ) : null}
      {extra}
    </Space>
  )
}

interface DateRangeFilterProps {
  id: string
  from?: string
  to?: string
  /** Both ends as YYYY-MM-DD, or both undefined when cleared. */
  onChange: (from: string | undefined, to: string | undefined) => void
  placeholder?: [string, string]
}

/** A from–to day filter kept as YYYY-MM-DD strings (the shared query schemas' form), shown only when both ends are set. */
export function DateRangeFilter({ id, from, to, onChange, placeholder = ['日期起', '日期止'] }: DateRangeFilterProps) {
  return (
    <DatePicker.RangePicker
      id={id}
      placeholder={placeholder}
      value={from && to ? [dayjs(from), dayjs(to)] : null}
      onChange={(range) => onChange(range?.[0]?.format('YYYY-MM-DD') || undefined, range?.[1]?.format('YYYY-MM-DD') || undefined)}
    />
  )
}
