import { tourNoticeStatusLabels, tourRoundStatusLabels, type TourNotice, type TourRound } from '@msjd/shared/tours'
import { App, Tag } from 'antd'
import { useCallback, useState } from 'react'
import { errorText, toApiRequestError } from '../../api/client'
import { downloadFile } from '../../api/files'

const roundColors: Record<TourRound['status'], string> = { planned: 'default', active: 'blue', finished: 'green' }
const noticeColors: Record<TourNotice['status'], string> = { draft: 'gold', published: 'green', withdrawn: 'default' }

export function RoundStatusTag({ status }: { status: TourRound['status'] }) {
  return (
    <Tag color={roundColors[status]} data-status={status}>
      {tourRoundStatusLabels[status]}
    </Tag>
  )
}

export function NoticeStatusTag({ status, testId }: { status: TourNotice['status']; testId?: string }) {
  return (
    <Tag color={noticeColors[status]} data-status={status} data-testid={testId}>
      {tourNoticeStatusLabels[status]}
    </Tag>
  )
}

export const period = (startsOn: string, endsOn: string) => `${startsOn} 至 ${endsOn}`

/**
 * Downloads one file at a time per key: the key's button spins while the file is fetched, and a failure (a unit
 * removed meanwhile, no units to export) is told in the server's words.
 */
export function useDownload(): { busy: string | undefined; download: (key: string, path: string, fallbackName: string) => Promise<void> } {
  const { message } = App.useApp()
  const [busy, setBusy] = useState<string>()
  const download = useCallback(
    async (key: string, path: string, fallbackName: string) => {
      setBusy(key)
      try {
        const name = await downloadFile(path, {}, fallbackName)
        message.success(`已下载 ${name}`)
      } catch (failure) {
        message.error(errorText(toApiRequestError(failure)))
      } finally {
        setBusy(undefined)
      }
    },
    [message],
  )
  return { busy, download }
}
