import { Image, Text, View } from '@tarojs/components'
import { PHOTO_LIMIT_TEXT, refusalText } from '../lib/photos'
import { isPrivacyRefused } from '../lib/privacy-authorization'
import { choosePhotos } from '../services/photos'
import './PhotoPicker.css'

interface Props {
  /** Element ids: `<idPrefix>-add`, `<idPrefix>-remove-<i>`, `<idPrefix>-limit`. */
  idPrefix: string
  photos: readonly string[]
  max: number
  disabled?: boolean
  /** The photos that passed the checks, and what to say about those refused (undefined: none was). */
  onPicked: (accepted: string[], refused: string | undefined) => void
  onRemove: (path: string) => void
}

/** Thumbnails, a + tile and the size rule: photos are checked when picked (10 MB, JPG/PNG/WebP), the page uploads them. */
export default function PhotoPicker({ idPrefix, photos, max, disabled = false, onPicked, onRemove }: Props) {
  const onAdd = async () => {
    const room = max - photos.length
    if (disabled || room <= 0) return
    try {
      const { accepted, refused } = await choosePhotos(room)
      onPicked(accepted, refusalText(refused))
    } catch (error) {
      // cancelled: nothing to say; refused the privacy guide: say why no photo could be added
      if (isPrivacyRefused(error)) onPicked([], '未同意用户隐私保护指引，不能添加照片')
    }
  }

  return (
    <>
      <View className='photo-picker'>
        {photos.map((p, i) => (
          <View key={p} className='photo-picker__photo'>
            <Image className='photo-picker__img' src={p} mode='aspectFill' />
            <Text id={`${idPrefix}-remove-${i}`} className='photo-picker__remove' onClick={() => !disabled && onRemove(p)}>
              ×
            </Text>
          </View>
        ))}
        {photos.length < max ? (
          <View id={`${idPrefix}-add`} className='photo-picker__photo photo-picker__add' onClick={onAdd}>
            <Text>+</Text>
          </View>
        ) : null}
      </View>
      <Text id={`${idPrefix}-limit`} className='muted photo-picker__limit'>
        最多 {max} 张，{PHOTO_LIMIT_TEXT}；上传时会去除照片中的位置等信息。
      </Text>
    </>
  )
}
