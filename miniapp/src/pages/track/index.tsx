import { View } from '@tarojs/components'
import PendingNotice from '../../components/PendingNotice'

export default function Track() {
  return (
    <View className='page'>
      <PendingNotice
        idPrefix='track-pending'
        title='进度查询'
        summary='凭查询码和密码查看反映事项的办理进度、答复内容，补充材料并进行评价'
      />
    </View>
  )
}
