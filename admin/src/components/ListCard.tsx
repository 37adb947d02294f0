import { Alert, Card, Table, Typography, type TableColumnsType, type TablePaginationConfig, type TableProps } from 'antd'
import type { CSSProperties, ReactNode } from 'react'
import type { RequestState } from '../api/useRequest'
import { LoadError } from './LoadError'

interface ListCardProps<T> {
  title: ReactNode
  /** Right of the title: filters and whole-list actions. */
  extra?: ReactNode
  /** One secondary sentence under the title: what the list holds and what to do with it. */
  hint?: ReactNode
  /** The list's request (useRequest); its error shows as the LoadError banner with 重试. */
  request: RequestState<{ items: T[] }>
  /** A row of filters between the hint and the table (a FilterBar). */
  filters?: ReactNode
  /** A headline for the load error (the server's sentence goes under it). */
  errorTitle?: string
  /** An action on the list failed (useAction's failure). */
  failure?: string
  columns: TableColumnsType<T>
  emptyText?: ReactNode
  /** Attributes of a row, e.g. marking an overdue one. */
  onRow?: TableProps<T>['onRow']
  /** false for a list the server sends whole. */
  pagination?: TablePaginationConfig | false
  testId?: string
  tableId?: string
  style?: CSSProperties
  /** After the table: the dialogs its rows open. */
  children?: ReactNode
}

/** A list in its card — title, hint, load error with 重试, an action's failure, then the table — as every queue shows it. */
export function ListCard<T extends { id: string }>(props: ListCardProps<T>) {
  const { request } = props
  return (
    <Card title={props.title} extra={props.extra} data-testid={props.testId} style={props.style}>
      {props.hint ? <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph> : null}
      {props.filters}
      <LoadError error={request.error} onRetry={request.reload} title={props.errorTitle} style={{ marginBottom: 16 }} />
      {props.failure ? <Alert type="error" showIcon message={props.failure} style={{ marginBottom: 16 }} /> : null}
      <Table<T>
        id={props.tableId}
        rowKey="id"
        size="middle"
        loading={request.loading}
        columns={props.columns}
        onRow={props.onRow}
        dataSource={request.data?.items ?? []}
        locale={props.emptyText ? { emptyText: props.emptyText } : undefined}
        pagination={props.pagination}
      />
      {props.children}
    </Card>
  )
}
