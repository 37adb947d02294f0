// Every time the panel shows is Beijing time, whatever zone the browser runs in (a UTC machine showed list times
// 8 hours off while the H5 showed Beijing time). One helper, so no page formats instants on its own.
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function pieces(at: string | Date) {
  const map = Object.fromEntries(parts.formatToParts(typeof at === 'string' ? new Date(at) : at).map((p) => [p.type, p.value]))
  return map as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>
}

/** `YYYY-MM-DD HH:mm` in Beijing time; '—' for none. */
export function formatTime(at: string | Date | null | undefined): string {
  if (!at) return '—'
  const p = pieces(at)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time. */
export function formatTimeSeconds(at: string | Date | null | undefined): string {
  if (!at) return '—'
  const p = pieces(at)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiDay(at: string | Date = new Date()): string {
  const p = pieces(at)
  return `${p.year}-${p.month}-${p.day}`
}
