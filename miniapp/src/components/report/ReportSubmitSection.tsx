import { Button, Text, View } from '@tarojs/components'
import type { ReportDraft } from '../../lib/report-draft'
import type { FieldErrors } from '../../lib/report-form'
import FieldError from './FieldError'
import { pendingText } from './pending'

interface SubmitControlsProps {
  progressText: string | null
  errors: FieldErrors
  busy: boolean
  label: string
  onSubmit: () => void
}

/** Upload progress, the form-level error and the one submit button: the same whether sending or retrying photos. */
function SubmitControls({ progressText, errors, busy, label, onSubmit }: SubmitControlsProps) {
  return (
    <>
      {progressText ? (
        <Text id='report-progress' className='report__progress'>
          {progressText}
        </Text>
      ) : null}
      <FieldError errors={errors} field='form' />
      <Button id='report-submit' className={busy ? 'primary-button primary-button--busy' : 'primary-button'} loading={busy} disabled={busy} onClick={onSubmit}>
        {label}
      </Button>
    </>
  )
}

/** The end of the form: 提交, and the promise that what was typed stays on the device until it is sent. */
export default function ReportSubmitSection(props: Omit<SubmitControlsProps, 'label'>) {
  return (
    <View className='card report__actions'>
      <SubmitControls {...props} label={props.busy ? '正在提交…' : '提交'} />
      <Text className='muted report__hint'>填写内容会自动保存在本机，提交成功后清除。</Text>
    </View>
  )
}

/**
 * Instead of the form once the report is accepted but some photos or the video did not reach the server: retry just
 * those, or finish without them and go to the receipt.
 */
export function ReportUploadsPendingSection(props: Omit<SubmitControlsProps, 'label'> & { draft: ReportDraft; onSkip: () => void }) {
  const { draft, onSkip, ...controls } = props
  return (
    <View className='card'>
      <Text id='report-submitted' className='report__heading'>
        反映已提交，还有{pendingText(draft)}未上传
      </Text>
      <Text className='muted'>请保持网络畅通后重试上传；也可以不带这些材料完成，之后凭回执补充文字材料。</Text>
      <SubmitControls {...controls} label={`重试上传${pendingText(draft)}`} />
      <Button id='report-skip-photos' className='report__plain-button' disabled={controls.busy} onClick={onSkip}>
        不上传了，查看回执
      </Button>
    </View>
  )
}
