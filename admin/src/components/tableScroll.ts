// A list's columns with fixed widths plus one or two free text columns (反映内容, 公示标题 …). A hard-coded scroll width
// smaller than the fixed widths' sum left the free column a character wide; the scroll width is instead the sum
// of the fixed widths plus a readable minimum for each free column, so the free text keeps its room and a narrow
// window scrolls the table sideways instead of the page.
interface SizedColumn {
  width?: number | string
}

export const FREE_COLUMN_MIN = 260

export function tableScroll(columns: readonly SizedColumn[], freeMin = FREE_COLUMN_MIN): { x: number } {
  const x = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : freeMin), 0)
  return { x }
}
