import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { PublicTourNotice } from '@msjd/shared/tours'
import { requirePrivacy } from '../services/privacy'
import { beijingToday, dialNumber, noticePeriod, noticeSubject, roundBadge } from '../lib/tour-notices'
import './TourNoticeView.css'

function call(phone: string) {
  const number = dialNumber(phone)
  if (!number) return
  // Cancelling the system dialog also rejects; there is nothing to tell the citizen then.
  Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)
}

function copyMailbox(mailbox: string) {
  // WeChat shows its own “内容已复制” toast on success; a refusal (H5 without clipboard access) is told here.
  requirePrivacy()
    .then(() => Taro.setClipboardData({ data: mailbox }))
    .catch(() => {
      void Taro.showToast({ title: `复制失败，请手动记下：${mailbox}`, icon: 'none', duration: 4000 })
    })
}

function Row({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <View className='notice__row'>
      <Text className='notice__label muted'>{label}</Text>
      <View id={id} className='notice__value'>
        {children}
      </View>
    </View>
  )
}

/**
 * A published 巡察公示 as the public reads it: the 巡察组 is reachable by phone (tap to call), mail (tap to copy)
 * and letter or visit; what may be reported and how. Shared by the notice detail page and the QR scene page.
 */
export default function TourNoticeView({ notice }: { notice: PublicTourNotice }) {
  const phone = notice.contactPhone && dialNumber(notice.contactPhone) ? notice.contactPhone : null
  return (
    <View id='notice-view' className='card notice'>
      <Text id='notice-title' className='notice__title'>
        {notice.title}
      </Text>
      <Text id='notice-subject' className='notice__subject muted'>
        {noticeSubject(notice)}
        （{roundBadge(notice, beijingToday())}）
      </Text>

      <Row id='notice-period' label='巡察时间'>
        <Text>{noticePeriod(notice.startsOn, notice.endsOn)}</Text>
      </Row>
      {notice.group ? (
        <Row id='notice-group' label='巡察组'>
          <Text>{notice.group.name}</Text>
        </Row>
      ) : null}
      {phone ? (
        <Row id='notice-phone' label='联系电话'>
          <Text className='notice__contact'>{phone}</Text>
          <View id='notice-call' className='notice__action' role='button' onClick={() => call(phone)}>
            拨打
          </View>
        </Row>
      ) : null}
      {notice.contactMailbox ? (
        <Row id='notice-mailbox' label='电子邮箱'>
          <Text className='notice__contact'>{notice.contactMailbox}</Text>
          <View id='notice-copy-mail' className='notice__action' role='button' onClick={() => copyMailbox(notice.contactMailbox!)}>
            复制
          </View>
        </Row>
      ) : null}
      {notice.contactAddress ? (
        <Row id='notice-address' label='来信来访地址'>
          <Text>{notice.contactAddress}</Text>
        </Row>
      ) : null}

      <View className='notice__section'>
        <Text className='notice__heading'>受理范围</Text>
        <Text id='notice-scope' className='notice__text'>
          {notice.scope}
        </Text>
      </View>
      <View className='notice__section'>
        <Text className='notice__heading'>反映方式</Text>
        <Text id='notice-how' className='notice__text'>
          {notice.howToReport}
        </Text>
      </View>
      {notice.body ? (
        <View className='notice__section'>
          <Text className='notice__heading'>公告全文</Text>
          <Text id='notice-body' className='notice__text'>
            {notice.body}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
