import { Text, View } from '@tarojs/components'
import { addPhotos, MAX_PHOTOS, removePhoto } from '../../lib/report-draft'
import PhotoPicker from '../PhotoPicker'
import VideoPicker from '../VideoPicker'
import FieldError from './FieldError'
import type { ReportSectionProps } from './section'

/**
 * The material the citizen sends with the report: up to 9 photos and one short video, each checked when picked. They
 * are uploaded after the report is accepted (useReportSubmit), so here they are only paths on the device.
 */
export default function ReportAttachmentsSection({ draft, errors, update, setErrors }: ReportSectionProps) {
  const onPhotosPicked = (accepted: string[], refused: string | undefined) => {
    if (accepted.length) update({ photos: addPhotos(draft, accepted).photos }, 'photos')
    setErrors((e) => ({ ...e, photos: refused }))
  }

  return (
    <>
      <View className='report__field'>
        <Text className='report__label'>
          照片（{draft.photos.length}/{MAX_PHOTOS}）
        </Text>
        <PhotoPicker idPrefix='report-photo' photos={draft.photos} max={MAX_PHOTOS} onPicked={onPhotosPicked} onRemove={(p) => update({ photos: removePhoto(draft, p).photos })} />
        <FieldError errors={errors} field='photos' />
      </View>

      <View className='report__field'>
        <Text className='report__label'>视频（选填）</Text>
        <VideoPicker idPrefix='report-video' video={draft.video} uploaded={draft.videoUploaded} onPicked={(video) => update({ video })} onRemove={() => update({ video: null })} />
      </View>
    </>
  )
}
