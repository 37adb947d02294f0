import type { TablePaginationConfig } from 'antd'

/**
 * The pagination of a server-paged list: page and size live in the page's query (so in the address), a new page
 * size starts again at page 1, and the total is counted in the list's own unit (`共 12 件`).
 */
export function listPagination(
  query: { page: number; pageSize: number },
  setQuery: (patch: { page: number; pageSize: number }) => void,
  total: number | undefined,
  unit: string,
): TablePaginationConfig {
  return {
    current: query.page,
    pageSize: query.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (count) => `共 ${count} ${unit}`,
    onChange: (nextPage, nextSize) => setQuery({ page: nextSize === query.pageSize ? nextPage : 1, pageSize: nextSize }),
  }
}
