/** The compose form of a 巡察公示: prefilled from its round and group, previewed as the citizen sees it (ids: see NoticesPage.tsx). */
import { tourNoticeBody, tourNoticeUpdateBody, type InspectedUnit, type TourGroup, type TourNotice, type TourRound } from '@msjd/shared/tours'
import { Alert, Button, DatePicker, Form, Input, Select, Space, type FormInstance } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { zodRule } from '../../api/form'
import { useRequest } from '../../api/useRequest'
import { useCurrentUser } from '../auth/AuthProvider'
import { createNotice, listGroups, listInspectedUnits, updateNotice } from './api'
import { day, FormModal, given, type FormValues } from '../../components/FormModal'
import { NoticePreviewModal, type NoticePreviewData } from './NoticePreview'

/** Value of the 被巡察单位 select for a notice about the whole round (the API's inspectedUnitId null). */
const WHOLE_ROUND = 'whole-round'

// The wording the posters fall back to (server/src/modules/posters/routes.ts), offered as a starting point.
const DEFAULT_SCOPE =
  '主要受理反映被巡察单位领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，重点是违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律等方面的举报和反映。'
const DEFAULT_HOW = '微信扫描二维码，进入“码上监督”小程序反映问题；也可通过公示的电话、信箱反映。可实名，也可选择保密方式。'

function previewOf(values: FormValues, round: TourRound | undefined, unit: InspectedUnit | undefined): NoticePreviewData {
  return {
    title: String(values.title ?? ''),
    round: { name: round?.name ?? '（未选择轮次）' },
    unit: unit ? { name: unit.unit.name } : null,
    group: unit ? { name: unit.tourGroup.name } : null,
    startsOn: day(values.startsOn),
    endsOn: day(values.endsOn),
    contactPhone: given(values.contactPhone) ?? null,
    contactMailbox: given(values.contactMailbox) ?? null,
    contactAddress: given(values.contactAddress) ?? null,
    scope: String(values.scope ?? ''),
    howToReport: String(values.howToReport ?? ''),
    body: given(values.body) ?? null,
  }
}

const formFields = ['tourRoundId', 'inspectedUnitId', 'title', 'startsOn', 'endsOn', 'contactPhone', 'contactMailbox', 'contactAddress', 'scope', 'howToReport', 'body']

function NoticeFields({ rounds, units, groups, unitsLoading, editing, wholeRoundAllowed }: {
  rounds: TourRound[]
  units: InspectedUnit[]
  groups: TourGroup[] | undefined
  unitsLoading: boolean
  editing: boolean
  wholeRoundAllowed: boolean
}) {
  const form = Form.useFormInstance<FormValues>()
  const unitId = Form.useWatch('inspectedUnitId', form)
  // A unit picked before its group's contacts arrived (or in the instant the round's units were reloading) still gets
  // them: filled once both are here, unless someone has typed contacts already.
  useEffect(() => {
    const unit = units.find((u) => u.id === unitId)
    const group = groups?.find((g) => g.id === unit?.tourGroup.id)
    if (!group || editing) return
    const typed = form.getFieldsValue(['contactPhone', 'contactMailbox', 'contactAddress']) as FormValues
    if (given(typed.contactPhone) || given(typed.contactMailbox) || given(typed.contactAddress)) return
    form.setFieldsValue({ contactPhone: group.phone ?? undefined, contactMailbox: group.mailbox ?? undefined, contactAddress: group.address ?? undefined })
  }, [unitId, units, groups, editing, form])
  const unitOptions = [
    ...(wholeRoundAllowed ? [{ value: WHOLE_ROUND, label: '全轮次（不针对单个单位）' }] : []),
    ...units.map((u) => ({ value: u.id, label: `${u.unit.name}（${u.tourGroup.name}）` })),
  ]
  return (
    <>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="tourRoundId" label="巡察轮次" required rules={[zodRule(tourNoticeBody.shape.tourRoundId)]}>
          <Select
            placeholder="选择巡察轮次"
            disabled={editing}
            style={{ width: 300 }}
            options={rounds.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }))}
          />
        </Form.Item>
        <Form.Item name="inspectedUnitId" label="被巡察单位" rules={[{ required: true, message: '请选择被巡察单位或全轮次' }]}>
          <Select
            placeholder="选择被巡察单位"
            // picking a unit fills in its group's contacts: not before the units and the groups are both here
            disabled={editing || unitsLoading}
            showSearch
            optionFilterProp="label"
            loading={unitsLoading}
            style={{ width: 300 }}
            options={unitOptions}
          />
        </Form.Item>
      </Space>
      <Form.Item name="title" label="公示标题" required rules={[zodRule(tourNoticeBody.shape.title)]}>
        <Input maxLength={120} showCount />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="startsOn" label="巡察开始" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endsOn" label="巡察结束" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="contactPhone" label="值班电话">
          <Input maxLength={30} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="contactMailbox" label="邮政信箱 / 电子邮箱">
          <Input maxLength={100} style={{ width: 260 }} />
        </Form.Item>
      </Space>
      <Form.Item name="contactAddress" label="意见箱 / 来访地址" extra="选择被巡察单位后带出负责巡察组的联系方式，可修改。">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="scope" label="受理范围（可反映的问题）" required rules={[zodRule(tourNoticeBody.shape.scope)]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="howToReport" label="反映方式" required rules={[zodRule(tourNoticeBody.shape.howToReport)]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="body" label="公告全文（可选）">
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
    </>
  )
}

export function NoticeFormModal({ notice, rounds, onClose, onDone }: { notice?: TourNotice; rounds: TourRound[]; onClose: () => void; onDone: (n: TourNotice) => void }) {
  const user = useCurrentUser()
  const [roundId, setRoundId] = useState<string | undefined>(notice?.tourRoundId)
  const [previewing, setPreviewing] = useState<NoticePreviewData>()
  const unitsRequest = useRequest((signal) => (roundId ? listInspectedUnits(roundId, signal) : Promise.resolve([])), [roundId])
  const groups = useRequest((signal) => listGroups(signal), [])
  // A tour-group member composes only for the units its own group inspects (the server refuses the rest).
  const units = useMemo(
    () => (unitsRequest.data ?? []).filter((u) => user.role !== 'tour_group' || u.tourGroup.id === user.tourGroupId),
    [unitsRequest.data, user.role, user.tourGroupId],
  )
  const wholeRoundAllowed = user.role !== 'tour_group'
  const roundOf = (id: unknown) => rounds.find((r) => r.id === id)
  const unitOf = (id: unknown) => units.find((u) => u.id === id)

  const prefill = (changed: FormValues, form: FormInstance<FormValues>) => {
    if ('tourRoundId' in changed) {
      const round = roundOf(changed.tourRoundId)
      setRoundId(round?.id)
      form.setFieldsValue({ inspectedUnitId: undefined })
      if (round) form.setFieldsValue({ startsOn: dayjs(round.startsOn), endsOn: dayjs(round.endsOn) })
    }
    if ('inspectedUnitId' in changed) {
      const unit = unitOf(changed.inspectedUnitId)
      const group: TourGroup | undefined = groups.data?.find((g) => g.id === unit?.tourGroup.id)
      if (group) form.setFieldsValue({ contactPhone: group.phone ?? undefined, contactMailbox: group.mailbox ?? undefined, contactAddress: group.address ?? undefined })
      const round = roundOf(form.getFieldValue('tourRoundId'))
      if (round && !given(form.getFieldValue('title'))) {
        form.setFieldsValue({ title: unit ? `${round.name}进驻${unit.unit.name}公告` : `${round.name}公告` })
      }
    }
  }

  const extra = (form: FormInstance<FormValues>) => (
    <Button
      id="notice-form-preview"
      style={{ float: 'left' }}
      onClick={() => {
        const values = form.getFieldsValue(true) as FormValues
        setPreviewing(previewOf(values, roundOf(values.tourRoundId), unitOf(values.inspectedUnitId)))
      }}
    >
      预览
    </Button>
  )
  const common = {
    name: 'notice',
    okId: 'notice-save',
    width: 760,
    fields: formFields,
    onClose,
    onDone,
    extra,
    onValuesChange: prefill,
  }
  const fields = (
    <NoticeFields rounds={rounds} units={units} groups={groups.data} unitsLoading={(unitsRequest.loading && !!roundId) || groups.loading} editing={!!notice} wholeRoundAllowed={wholeRoundAllowed} />
  )
  const preview = previewing ? <NoticePreviewModal notice={previewing} onClose={() => setPreviewing(undefined)} /> : null

  if (notice) {
    return (
      <>
        <FormModal
          {...common}
          title="编辑巡察公示"
          schema={tourNoticeUpdateBody}
          toBody={(v) => ({
            title: v.title ?? '',
            startsOn: day(v.startsOn),
            endsOn: day(v.endsOn),
            // an emptied field is cleared (null), not left as it was
            contactPhone: given(v.contactPhone) ?? null,
            contactMailbox: given(v.contactMailbox) ?? null,
            contactAddress: given(v.contactAddress) ?? null,
            scope: v.scope ?? '',
            howToReport: v.howToReport ?? '',
            body: given(v.body) ?? null,
          })}
          submit={(body) => updateNotice(notice.id, body)}
          initialValues={{
            tourRoundId: notice.tourRoundId,
            inspectedUnitId: notice.inspectedUnitId ?? WHOLE_ROUND,
            title: notice.title,
            startsOn: dayjs(notice.startsOn),
            endsOn: dayjs(notice.endsOn),
            contactPhone: notice.contactPhone,
            contactMailbox: notice.contactMailbox,
            contactAddress: notice.contactAddress,
            scope: notice.scope,
            howToReport: notice.howToReport,
            body: notice.body,
          }}
        >
          {notice.status === 'withdrawn' ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`此公示已撤回（原因：${notice.withdrawReason ?? '未填写'}），修改后可重新发布。`} />
          ) : null}
          {fields}
        </FormModal>
        {preview}
      </>
    )
  }
  return (
    <>
      <FormModal
        {...common}
        title="新建巡察公示"
        schema={tourNoticeBody}
        toBody={(v) => ({
          tourRoundId: v.tourRoundId ?? '',
          inspectedUnitId: v.inspectedUnitId === WHOLE_ROUND ? null : v.inspectedUnitId,
          title: v.title ?? '',
          startsOn: day(v.startsOn) || undefined,
          endsOn: day(v.endsOn) || undefined,
          contactPhone: given(v.contactPhone),
          contactMailbox: given(v.contactMailbox),
          contactAddress: given(v.contactAddress),
          scope: v.scope ?? '',
          howToReport: v.howToReport ?? '',
          body: given(v.body),
        })}
        submit={createNotice}
        initialValues={{ scope: DEFAULT_SCOPE, howToReport: DEFAULT_HOW }}
      >
        {fields}
      </FormModal>
      {preview}
    </>
  )
}
