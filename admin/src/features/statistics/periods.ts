import { shanghaiDay } from '../../components/time'

export interface Period {
  from: string
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** Quick periods in Beijing dates, each ending today at the latest. */
export function presets(today: string = shanghaiDay()): { key: string; label: string; period: Period }[] {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const q = Math.floor((m - 1) / 3) * 3 + 1
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1]
  return [
    { key: 'month', label: '本月', period: { from: `${y}-${pad(m)}-01`, to: today } },
    { key: 'last_month', label: '上月', period: { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(lastDay(py, pm))}` } },
    { key: 'quarter', label: '本季度', period: { from: `${y}-${pad(q)}-01`, to: today } },
    { key: 'year', label: '本年', period: { from: `${y}-01-01`, to: today } },
  ]
}

/** The period in the address, or this month to date. */
export function periodFrom(params: URLSearchParams, today: string = shanghaiDay()): Period {
  const from = params.get('from')
  const to = params.get('to')
  const valid = (d: string | null): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d)
  if (valid(from) && valid(to) && from <= to) return { from, to }
  return presets(today)[0].period
}
