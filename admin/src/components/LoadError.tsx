import { Alert, Button } from 'antd'
import type { CSSProperties, ReactNode } from 'react'
import { errorText, type ApiRequestError } from '../api/client'

interface LoadErrorProps {
  /** Nothing is shown without one. */
  error: ApiRequestError | undefined
  onRetry: () => void
  /** A headline of what failed to load; the server's sentence then goes under it. */
  title?: string
  /** Under the server's sentence when there is no title (e.g. that the rows shown are older). */
  description?: ReactNode
  testId?: string
  retryId?: string
  retryText?: string
  style?: CSSProperties
}

/** The banner of a list or panel that failed to load, with 重试: the one way every page says it. */
export function LoadError({ error, onRetry, title, description, testId, retryId, retryText = '重试', style }: LoadErrorProps) {
  if (!error) return null
  return (
    <Alert
      data-testid={testId}
      type="error"
      showIcon
      message={title ?? errorText(error)}
      description={title ? errorText(error) : description}
      action={
        <Button size="small" onClick={onRetry} id={retryId}>
          {retryText}
        </Button>
      }
      style={style}
    />
  )
}
