import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { isPrivacyRefused } from '../lib/privacy-authorization'
import { VIDEO_LIMIT_TEXT, videoSummary, type DraftVideo, type ScreenedVideo } from '../lib/video'
import { chooseVideo } from '../services/videos'
import './VideoPicker.css'

interface Props {
  /** Element ids: `<idPrefix>-add`, `<idPrefix>-chosen`, `<idPrefix>-remove`, `<idPrefix>-limit`, `<idPrefix>-error`. */
  idPrefix: string
  video: DraftVideo | null
  /** Already on the server: it cannot be taken back from here. */
  uploaded?: boolean
  disabled?: boolean
  onPicked: (video: DraftVideo) => void
  onRemove: () => void
  /** The picker; WeChat's chooseMedia or the H5 file input unless a test hands its own. */
  choose?: () => Promise<ScreenedVideo>
}

/**
 * One short video beside the photos: the limits shown before choosing (60 秒, 50 MB, MP4/MOV), a video that breaks
 * them refused at once with the reason, the page uploads it after the report.
 */
export default function VideoPicker({ idPrefix, video, uploaded = false, disabled = false, onPicked, onRemove, choose = chooseVideo }: Props) {
  const [refusal, setRefusal] = useState<string | null>(null)

  const onAdd = async () => {
    if (disabled || video) return
    try {
      const screened = await choose()
      if (screened.accepted) {
        setRefusal(null)
        onPicked(screened.accepted)
      } else {
        setRefusal(`${screened.refused}，未添加。`)
      }
    } catch (error) {
      // cancelled: nothing to say; refused the privacy guide: say why no video could be added
      if (isPrivacyRefused(error)) setRefusal('未同意用户隐私保护指引，不能添加视频')
    }
  }

  return (
    <>
      {video ? (
        <View id={`${idPrefix}-chosen`} className='video-picker__chosen'>
          <Text className='video-picker__icon'>▶</Text>
          <Text className='video-picker__summary'>
            视频 {videoSummary(video)}
            {uploaded ? '（已上传）' : ''}
          </Text>
          {uploaded ? null : (
            <Text id={`${idPrefix}-remove`} className='video-picker__remove' aria-label='删除视频' onClick={() => !disabled && onRemove()}>
              ×
            </Text>
          )}
        </View>
      ) : (
        <View id={`${idPrefix}-add`} className='video-picker__add' aria-disabled={disabled} onClick={onAdd}>
          <Text>+ 添加视频</Text>
        </View>
      )}
      <Text id={`${idPrefix}-limit`} className='muted video-picker__limit'>
        {VIDEO_LIMIT_TEXT}；上传时会去除视频中的位置、设备等信息。
      </Text>
      {refusal ? (
        <Text id={`${idPrefix}-error`} className='report__error'>
          {refusal}
        </Text>
      ) : null}
    </>
  )
}
