import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { EnterpriseMe } from '@msjd/shared/business'
import { toApiRequestError } from '../../lib/api-error'
import { bindErrorsFromApi, campaignProgress, creditCodeHint, emptyBindDraft, validateBind, type BindDraft, type BindErrors } from '../../lib/business'
import { showErrorToast } from '../../services/feedback'
import { bind, clearPendingPoint, getInvite, getMe, listCampaigns, pendingPoint } from '../../services/business'
import './business.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import { useSingleFlight } from '../../services/page-load'
import { usePageRoot } from '../../services/text-size'

type Campaign = Awaited<ReturnType<typeof listCampaigns>>['items'][number]
type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ok'; me: EnterpriseMe }

function BindForm({ onBound }: { onBound: (me: EnterpriseMe) => void }) {
  const [draft, setDraft] = useState<BindDraft>(() => emptyBindDraft(pendingPoint()))
  const [errors, setErrors] = useState<BindErrors>({})
  const [invitePoint, setInvitePoint] = useState<string>()
  const { busy, run } = useSingleFlight()

  const set = (field: keyof Omit<BindDraft, 'point'>) => (e: { detail: { value: string } }) => {
    const value = e.detail.value
    setDraft((d) => ({ ...d, [field]: value }))
    setErrors((x) => ({ ...x, [field]: undefined, form: undefined }))
    if (field === 'inviteCode') {
      setInvitePoint(undefined)
      const code = value.trim().toUpperCase()
      if (/^[A-Z2-9]{8}$/.test(code)) {
        getInvite(code).then(
          (r) => setInvitePoint(r.monitoringPoint.name),
          () => setErrors((x) => ({ ...x, inviteCode: '邀请码无效，请向监测点工作人员核实' })),
        )
      }
    }
  }

  const submit = () =>
    run(async () => {
      const checked = validateBind(draft)
      if (!checked.ok) {
        setErrors(checked.errors)
        return
      }
      try {
        const me = await bind(checked.body)
        clearPendingPoint()
        void Taro.showToast({ title: '绑定成功', icon: 'success' })
        onBound(me)
      } catch (error) {
        const failure = toApiRequestError(error)
        if (failure.status === 400 || failure.status === 404 || failure.status === 409) setErrors(bindErrorsFromApi(failure))
        else showErrorToast(failure)
      }
    })

  const hint = errors.creditCode ?? creditCodeHint(draft.creditCode)
  return (
    <View className='card' id='biz-bind'>
      <Text className='biz__heading'>绑定企业</Text>
      <Text className='muted'>在监测点评价政务服务、投诉前，请先绑定您所在的企业。联系人信息仅供办理人员回访使用。</Text>
      <View className='biz__field'>
        <Text className='biz__label'>
          统一社会信用代码<Text className='biz__required'>*</Text>
        </Text>
        <Input id='biz-credit-code' className='biz__input' value={draft.creditCode} maxlength={24} placeholder='18 位，见营业执照' onInput={set('creditCode')} />
        {hint ? (
          <Text id='biz-credit-code-error' className='biz__error'>
            {hint}
          </Text>
        ) : null}
      </View>
      <View className='biz__field'>
        <Text className='biz__label'>
          企业名称<Text className='biz__required'>*</Text>
        </Text>
        <Input id='biz-name' className='biz__input' value={draft.name} maxlength={100} placeholder='与营业执照一致' onInput={set('name')} />
        {errors.name ? <Text id='biz-name-error' className='biz__error'>{errors.name}</Text> : null}
      </View>
      <View className='biz__field'>
        <Text className='biz__label'>
          联系人<Text className='biz__required'>*</Text>
        </Text>
        <Input id='biz-contact-name' className='biz__input' value={draft.contactName} maxlength={50} placeholder='姓名' onInput={set('contactName')} />
        {errors.contactName ? <Text id='biz-contact-name-error' className='biz__error'>{errors.contactName}</Text> : null}
      </View>
      <View className='biz__field'>
        <Text className='biz__label'>
          联系电话<Text className='biz__required'>*</Text>
        </Text>
        <Input id='biz-contact-phone' className='biz__input' value={draft.contactPhone} maxlength={20} placeholder='手机或座机号码' onInput={set('contactPhone')} />
        {errors.contactPhone ? <Text id='biz-contact-phone-error' className='biz__error'>{errors.contactPhone}</Text> : null}
      </View>
      {draft.point ? (
        <View className='biz__field'>
          <Text className='biz__label'>监测点</Text>
          <Text id='biz-point'>{draft.point.name}（扫码确定）</Text>
        </View>
      ) : (
        <View className='biz__field'>
          <Text className='biz__label'>
            监测点邀请码<Text className='biz__required'>*</Text>
          </Text>
          <Input id='biz-invite-code' className='biz__input' value={draft.inviteCode} maxlength={8} placeholder='8 位，向监测点索取；或扫描监测点二维码' onInput={set('inviteCode')} />
          {invitePoint ? <Text id='biz-invite-point' className='biz__hint muted'>监测点：{invitePoint}</Text> : null}
          {errors.inviteCode ? <Text id='biz-invite-code-error' className='biz__error'>{errors.inviteCode}</Text> : null}
        </View>
      )}
      {errors.form ? <Text id='biz-bind-error' className='biz__error'>{errors.form}</Text> : null}
      <Button id='biz-bind-submit' className='biz__button' loading={busy} disabled={busy} onClick={submit}>
        绑定
      </Button>
    </View>
  )
}

/** 营商环境评价: bind the enterprise once, then the point's open campaigns, 投诉, and what was filed before. */
export default function BusinessHome() {
  const pageRoot = usePageRoot()
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null)

  const loadCampaigns = () =>
    listCampaigns().then(
      (r) => setCampaigns(r.items),
      () => setCampaigns([]),
    )

  const refresh = () => {
    getMe().then(
      (me) => {
        setLoad({ kind: 'ok', me })
        if (me.enterprise) void loadCampaigns()
      },
      (error: unknown) => setLoad({ kind: 'failed', message: toApiRequestError(error).message }),
    )
  }

  useDidShow(refresh)

  if (load.kind === 'loading') {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text className='muted'>加载中…</Text>
        </View>
      </View>
    )
  }
  if (load.kind === 'failed') {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text id='biz-error' className='biz__error'>
            {load.message}
          </Text>
          <Button id='biz-retry' className='biz__button' onClick={refresh}>
            重试
          </Button>
        </View>
      </View>
    )
  }

  const { enterprise, contact } = load.me
  if (!enterprise) {
    return (
      <View {...pageRoot('page')}>
        <BindForm
          onBound={(me) => {
            setLoad({ kind: 'ok', me })
            void loadCampaigns()
          }}
        />
      </View>
    )
  }

  return (
    <View {...pageRoot('page')}>
      <View className='card' id='biz-enterprise'>
        <Text id='biz-enterprise-name' className='biz__heading'>
          {enterprise.name}
        </Text>
        <Text className='muted'>统一社会信用代码：{enterprise.creditCode}</Text>
        <Text className='muted biz__hint'>监测点：{enterprise.monitoringPointName ?? '未关联'}</Text>
        {contact ? (
          <Text className='muted biz__hint'>
            联系人：{contact.name} {contact.phoneMasked}
          </Text>
        ) : null}
      </View>

      <View className='card'>
        <Text className='biz__heading'>正在进行的评议</Text>
        {campaigns === null ? <Text className='muted'>加载中…</Text> : null}
        {campaigns?.length === 0 ? (
          <Text id='biz-no-campaign' className='muted'>
            本监测点暂无进行中的评议。对办事过程有意见，可直接投诉。
          </Text>
        ) : null}
        {campaigns?.map((c, i) => (
          <View key={c.id} id={`biz-campaign-${i}`} className='biz__item' onClick={() => Taro.navigateTo({ url: `/pages/business/campaign?id=${encodeURIComponent(c.id)}` })}>
            <View className='biz__row'>
              <Text>{c.name}</Text>
              <Text className='biz__status'>去评价 ›</Text>
            </View>
            <Text className='muted'>
              {c.startsOn} 至 {c.endsOn} · {campaignProgress(c)}
            </Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <Button id='biz-complain' className='biz__button' onClick={() => Taro.navigateTo({ url: '/pages/business/complaint' })}>
          我要投诉
        </Button>
        <Button id='biz-mine' className='biz__button biz__button--plain' onClick={() => Taro.navigateTo({ url: '/pages/business/mine' })}>
          我的评价和投诉
        </Button>
      </View>
      <PrivacyLinks idPrefix='business' notice={false} />
    </View>
  )
}
