import { View } from '@tarojs/components'
import PendingNotice from '../../components/PendingNotice'

export default function Report() {
  return (
    <View className='page'>
      <PendingNotice
        idPrefix='report-pending'
        title='我要反映'
        summary='反映作风问题和侵害群众利益问题，上传照片，选择实名或保密反映，并获得查询码'
      />
    </View>
  )
}
