import { Input, Text, View } from '@tarojs/components'
import type { RealNameMode } from '../../lib/features'
import SmsVerify from '../SmsVerify'
import FieldError from './FieldError'
import type { ReportSectionProps } from './section'

/**
 * A real-name reporter's 姓名 and 联系电话. In H5 with an SMS provider the number is proved by a code (SmsVerify)
 * before the report goes; elsewhere it is typed.
 */
export default function ReportContactSection(props: Omit<ReportSectionProps, 'setErrors'> & { mode: RealNameMode; smsPhone: string | null; onSmsVerified: (phone: string) => void }) {
  const { draft, errors, update, mode, smsPhone, onSmsVerified } = props
  return (
    <>
      <View className='report__field'>
        <Text className='report__label'>
          姓名<Text className='report__required'>*</Text>
        </Text>
        <Input id='report-name' className='report__input' value={draft.name} maxlength={50} placeholder='您的姓名' onInput={(e) => update({ name: e.detail.value }, 'name')} />
        <FieldError errors={errors} field='name' />
      </View>
      {mode === 'sms' ? (
        <View className='report__field'>
          <Text className='report__label'>
            手机号码<Text className='report__required'>*</Text>
          </Text>
          <SmsVerify
            phone={draft.phone}
            onPhoneChange={(phone) => update({ phone }, 'phone')}
            verifiedPhone={smsPhone}
            onVerified={(phone) => {
              onSmsVerified(phone)
              update({ phone }, 'phone')
            }}
            error={errors.phone}
          />
        </View>
      ) : (
        <View className='report__field'>
          <Text className='report__label'>
            联系电话<Text className='report__required'>*</Text>
          </Text>
          <Input id='report-phone' className='report__input' type='text' value={draft.phone} maxlength={20} placeholder='手机或座机号码' onInput={(e) => update({ phone: e.detail.value }, 'phone')} />
          <FieldError errors={errors} field='phone' />
        </View>
      )}
    </>
  )
}
